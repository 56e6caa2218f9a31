// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.unionkiosk.station.config.ScannerConfig;
import org.unionkiosk.station.scanner.BadgeScan;
import org.unionkiosk.station.scanner.BadgeScanner;

@Timeout(value = 10, unit = SECONDS)
class ScannerHubTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(5, SECONDS);
    }

    /** A reader that notes on which kind of thread it is stopped and started (stop of a serial one can block). */
    private static final class NotingReader implements BadgeScanner {
        final List<String> calls = new CopyOnWriteArrayList<>();
        Consumer<BadgeScan> handler;

        @Override
        public void onScan(Consumer<BadgeScan> h) {
            handler = h;
        }

        @Override
        public void start() {
            calls.add("start");
        }

        @Override
        public void stop() {
            calls.add(Context.isOnEventLoopThread() ? "stop on event loop" : "stop on worker");
        }

        @Override
        public String problem() {
            return null;
        }

        @Override
        public void onFault(Consumer<String> listener) {
        }
    }

    @Test
    void aFloodingReaderIsStoppedOnAWorkerAndStartedAgainAfterTheBackoff() {
        NotingReader reader = new NotingReader();
        ScannerConfig cfg = new ScannerConfig("entry", ScannerConfig.Type.SERIAL, ScannerConfig.Role.ENTRY,
                Path.of("/dev/null"), ScannerConfig.DEFAULT_MAX_LINE, 1, null, null, null);
        ScannerHub hub = new ScannerHub(List.of(reader), List.of(cfg));
        List<String> faults = new CopyOnWriteArrayList<>();
        hub.wire(vertx, vertx.getOrCreateContext(), scan -> { }, (id, problem) -> faults.add(problem));

        for (int i = 0; i < 50; i++) { // from the reader's own thread (here the test's), as a real reader does
            reader.handler.accept(new BadgeScan("entry", ScannerConfig.Role.ENTRY, "flood-" + i, Instant.now()));
        }

        await().atMost(5, SECONDS).until(() -> reader.calls.contains("start"));
        assertThat(faults).anyMatch(f -> f.startsWith("flooding"));
        assertThat(reader.calls).containsExactly("stop on worker", "start");
    }
}
