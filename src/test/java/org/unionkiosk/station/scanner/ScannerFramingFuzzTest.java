// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random byte streams into the evdev decoder and the serial line framer, fed in random read sizes: no exception,
 * every code within the length limit, and the same codes however the reads split the stream.
 */
class ScannerFramingFuzzTest {
    private static final int MAX = 40;

    @Property(seed = "9101")
    void evdevStreamsGiveBoundedCodesWhateverTheReadSizes(@ForAll("evdevStreams") byte[] stream,
                                                         @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 64)
                                                                 Integer> reads,
                                                         @ForAll("layouts") String layout) {
        List<String> whole = evdev(stream, List.of(stream.length + 1), layout);
        List<String> split = evdev(stream, reads, layout);

        assertThat(split).isEqualTo(whole);
        assertThat(whole).allSatisfy(c -> assertThat(c).isNotEmpty().hasSizeLessThanOrEqualTo(MAX));
        // A code takes at least one key press and an Enter press: two 24-byte events.
        assertThat(whole.size()).isLessThanOrEqualTo(stream.length / (2 * EvdevDecoder.EVENT_SIZE));
    }

    @Property(seed = "9102")
    void serialStreamsGiveBoundedLinesWhateverTheReadSizes(@ForAll("serialStreams") byte[] stream,
                                                          @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 64)
                                                                  Integer> reads,
                                                          @ForAll("terminators") String terminator) {
        List<String> whole = new ArrayList<>();
        int[] overflows = new int[2];
        feed(new LineFramer(terminator, MAX, whole::add, () -> overflows[0]++), stream, List.of(stream.length + 1));
        List<String> split = new ArrayList<>();
        feed(new LineFramer(terminator, MAX, split::add, () -> overflows[1]++), stream, reads);

        assertThat(split).isEqualTo(whole);
        assertThat(overflows[1]).isEqualTo(overflows[0]);
        assertThat(whole).allSatisfy(line -> {
            assertThat(line).isNotEmpty().hasSizeLessThanOrEqualTo(MAX);
            if (terminator.equals("auto")) {
                assertThat(line).doesNotContain("\r", "\n");
            }
        });
        assertThat(whole.size() + overflows[0]).isLessThanOrEqualTo(stream.length);
    }

    private static List<String> evdev(byte[] stream, List<Integer> reads, String layout) {
        List<String> codes = new ArrayList<>();
        EvdevDecoder d = new EvdevDecoder(layout, 200_000, MAX, codes::add);
        int off = 0;
        for (int i = 0; off < stream.length; i++) {
            int n = Math.min(reads.isEmpty() ? stream.length : reads.get(i % reads.size()), stream.length - off);
            d.feed(stream, off, n);
            off += n;
        }
        return codes;
    }

    private static void feed(LineFramer f, byte[] stream, List<Integer> reads) {
        int off = 0;
        for (int i = 0; off < stream.length; i++) {
            int n = Math.min(reads.isEmpty() ? stream.length : reads.get(i % reads.size()), stream.length - off);
            f.feed(stream, off, n);
            off += n;
        }
    }

    @Provide
    Arbitrary<String> layouts() {
        return Arbitraries.of("us", "de");
    }

    @Provide
    Arbitrary<String> terminators() {
        return Arbitraries.of("auto", "cr", "lf", "crlf", "#", "\r\n\r\n", "ab");
    }

    @Provide
    Arbitrary<byte[]> evdevStreams() {
        // Mostly plausible key events (so codes do come out), some with random fields, plus raw random bytes.
        Arbitrary<byte[]> event = Combinators.combine(Arbitraries.longs().between(0, 3_000_000),
                Arbitraries.frequency(
                        net.jqwik.api.Tuple.of(8, 1), net.jqwik.api.Tuple.of(1, 0), net.jqwik.api.Tuple.of(1, 4)),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 60), Arbitraries.of(28, 96, 42, 54),
                        Arbitraries.integers().between(0, 0xffff)),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 2), Arbitraries.integers())).as(
                        (micros, type, code, value) -> ByteBuffer.allocate(EvdevDecoder.EVENT_SIZE)
                                .order(ByteOrder.LITTLE_ENDIAN).putLong(micros / 1_000_000).putLong(micros % 1_000_000)
                                .putShort((short) (int) type).putShort((short) (int) code).putInt(value).array());
        Arbitrary<byte[]> events = event.list().ofMaxSize(120).map(list -> {
            ByteBuffer b = ByteBuffer.allocate(list.size() * EvdevDecoder.EVENT_SIZE);
            list.forEach(b::put);
            return b.array();
        });
        return Arbitraries.oneOf(events, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000));
    }

    @Provide
    Arbitrary<byte[]> serialStreams() {
        Arbitrary<byte[]> texty = Arbitraries.strings().withChars("\r\n#abUK1:0123456789").ofMaxLength(400)
                .map(s -> s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Arbitraries.oneOf(texty, Arbitraries.bytes().array(byte[].class).ofMaxSize(2000));
    }
}
