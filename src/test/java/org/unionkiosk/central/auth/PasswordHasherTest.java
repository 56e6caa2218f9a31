// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void verifiesTheRightPasswordOnlyAndSaltsEachHash() {
        String a = hasher.hash("correct horse".toCharArray());
        String b = hasher.hash("correct horse".toCharArray());

        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(hasher.verify("correct horse".toCharArray(), a)).isTrue();
        assertThat(hasher.verify("correct horsf".toCharArray(), a)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2id$garbage")).isFalse();
    }

    @Test
    void readsParametersFromTheHashSoTheyCanBeRaisedLater() {
        // RFC 9106 style: a hash made with other parameters still verifies.
        byte[] salt = "0123456789abcdef".getBytes();
        byte[] out = new byte[32];
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(1024).withIterations(1).withParallelism(1).build());
        g.generateBytes("pw".getBytes(), out);
        var b64 = java.util.Base64.getEncoder().withoutPadding();
        String phc = "$argon2id$v=19$m=1024,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

        assertThat(hasher.verify("pw".toCharArray(), phc)).isTrue();
    }
}
