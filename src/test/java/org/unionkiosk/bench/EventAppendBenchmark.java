// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.station.store.SqliteStationStore;

/** Durable (synchronous=FULL, WAL) event appends per second: one by one, and 200 arriving together. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EventAppendBenchmark {
    private static final int BURST = 200;
    private Vertx vertx;
    private SqliteStationStore store;
    private Path dir;

    @Setup
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("append-bench");
        vertx = Vertx.vertx();
        store = SqliteStationStore.open(vertx, dir.resolve("station.db"), true).await(10, TimeUnit.SECONDS);
    }

    @TearDown
    public void tearDown() throws Exception {
        store.close().await(10, TimeUnit.SECONDS);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private static StationEvent event() {
        return StationEvent.of("access.granted", Instant.now(), "badge", "0123456789ab", "member", "m-1001",
                "scanner", "entry", "role", "entry", "kind", "card");
    }

    @Benchmark
    public long appendOne() throws Exception {
        return store.append(event()).await(10, TimeUnit.SECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public Object appendBurst() throws Exception {
        List<Future<Long>> all = new ArrayList<>(BURST);
        for (int i = 0; i < BURST; i++) {
            all.add(store.append(event()));
        }
        return Future.all(all).await(10, TimeUnit.SECONDS);
    }
}
