// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LineFramerTest {
    private final List<String> lines = new ArrayList<>();
    private int overflows;

    private void feed(String terminator, int max, String stream) {
        LineFramer f = new LineFramer(terminator, max, lines::add, () -> overflows++);
        byte[] b = stream.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
        // Byte by byte and in chunks must agree: serial reads split anywhere.
        for (int i = 0; i < b.length; i += 3) {
            f.feed(b, i, Math.min(3, b.length - i));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "auto|A1\\rB2\\nC3\\r\\nD4\\n\\n|A1,B2,C3,D4",
        "cr|A1\\rB2\\r|A1,B2",
        "lf|A1\\nB2\\n|A1,B2",
        "crlf|A1\\r\\nB\\r2\\r\\n|A1,B\r2",
        "#END#|A1#END#B2#END#|A1,B2"})
    void cutsCodesAtTheConfiguredTerminator(String terminator, String stream, String expected) {
        feed(terminator, 64, stream);

        assertThat(lines).containsExactly(expected.split(","));
        assertThat(overflows).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"auto", "crlf", "#END#"})
    void dropsALineOverTheBoundWholeAndKeepsTheNext(String terminator) {
        String t = switch (terminator) {
            case "auto", "crlf" -> "\r\n";
            default -> terminator;
        };

        feed(terminator, 8, "X".repeat(50) + t + "OK1" + t);

        assertThat(lines).containsExactly("OK1");
        assertThat(overflows).isEqualTo(1);
    }
}
