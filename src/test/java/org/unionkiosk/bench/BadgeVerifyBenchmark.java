// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.bench;

import java.security.PublicKey;
import java.security.Signature;
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
import org.openjdk.jmh.annotations.Warmup;
import org.unionkiosk.protocol.Base45;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.BadgeVerdict;
import org.unionkiosk.protocol.BadgeVerifier;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.CoseSign1;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.protocol.TrustedKey;
import org.unionkiosk.protocol.TrustedKeys;

/** Bare Ed25519 verify (BouncyCastle and the JDK provider) against the whole badge verification. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BadgeVerifyBenchmark {
    private String badge;
    private byte[] tbs;
    private byte[] sig;
    private TrustedKey bcKey;
    private PublicKey jdkKey;
    private BadgeVerifier verifier;

    @Setup
    public void setUp() throws Exception {
        SigningKey key = Badges.newKey();
        badge = Badges.issue(key, Badges.card("m-bench", Instant.now(), Duration.ofDays(30), BadgeScope.ALL));
        CoseSign1 msg = CoseSign1.decode(Base45.decode(badge.substring(4)));
        tbs = msg.toBeSigned(new byte[0]);
        sig = msg.signature();
        bcKey = key.publicKey();
        jdkKey = org.unionkiosk.protocol.ReferenceVerifier.jdkEd25519(key.publicKey().publicKey());
        verifier = new BadgeVerifier(new TrustedKeys(List.of(bcKey)), Clock.systemUTC(), Duration.ofMinutes(2));
    }

    @Benchmark
    public boolean ed25519VerifyBouncyCastle() {
        return bcKey.verify(tbs, sig);
    }

    @Benchmark
    public boolean ed25519VerifyJdk() throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(jdkKey);
        s.update(tbs);
        return s.verify(sig);
    }

    @Benchmark
    public BadgeVerdict badgeVerify() {
        return verifier.verify(badge);
    }
}
