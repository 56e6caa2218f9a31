// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.MockPi4j;
import org.unionkiosk.station.access.AccessDecision;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.access.StationConditions;
import org.unionkiosk.station.config.AccessConfig;
import org.unionkiosk.station.config.DoorConfig;
import org.unionkiosk.station.config.LockType;
import org.unionkiosk.station.config.OpeningHours;
import org.unionkiosk.station.config.PinConfig;
import org.unionkiosk.station.door.Pi4jDoorLock;

/**
 * The critical path of a scan as the station runs it: scanned text → access decision → relay command on the real
 * Pi4J output (mock platform). The event append runs beside it and is measured in EventAppendBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScanToRelayBenchmark {
    private static final StationConditions OPEN = new StationConditions(0, false, true);
    private Context pi4j;
    private Pi4jDoorLock lock;
    private AccessPolicy policy;
    private String badge;

    @Setup
    public void setUp() {
        SigningKey key = Badges.newKey();
        badge = Badges.issue(key, Badges.card("m-bench", Instant.now(), Duration.ofDays(30),
                BadgeScope.parse("site:demo-site")));
        // Rate limit wide open so the benchmark measures the grant path on every call.
        AccessConfig cfg = new AccessConfig(List.of(key.publicKey()), Duration.ofMinutes(2), 0, OpeningHours.ALWAYS,
                Integer.MAX_VALUE, Duration.ofMillis(50), true, Path.of("/nonexistent"));
        policy = new AccessPolicy(cfg, "demo-site", "station-1", new TrustedKeys(cfg.trustedKeys()),
                Clock.systemDefaultZone());
        pi4j = MockPi4j.newContext();
        lock = new Pi4jDoorLock(pi4j, new DoorConfig(new PinConfig(17, false), LockType.FAIL_SECURE,
                new PinConfig(27, false), 0, new PinConfig(22, true), null, null, new PinConfig(5, false),
                new PinConfig(6, false), null, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    @TearDown
    public void tearDown() {
        pi4j.shutdown();
    }

    @Benchmark
    public boolean scanToRelay() {
        AccessDecision d = policy.decide(badge, true, OPEN);
        if (d instanceof AccessDecision.Granted) {
            lock.release();
            lock.lock(); // back to locked so every iteration issues the same release command
            return true;
        }
        throw new IllegalStateException("benchmark badge refused: " + d);
    }
}
