// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoPasswordsTest {
    @Test
    void hashesAsMosquittoPasswdDoes() {
        // Written by Mosquitto 2.0.11's own tool: mosquitto_passwd -b pw u1 secret
        String line = "u1:$7$101$RP0HuSgA6JBVH/bk$dYxHxOVTBNRiDeqSlYI3YL0t7Z58pOYNzyLLq+x9LiphezR+g/JLFCsn03/aOCXmLC"
                + "Q0RwQBhroqfcQgEL5VGQ==";
        byte[] salt = Base64.getDecoder().decode("RP0HuSgA6JBVH/bk");
        assertThat("u1:" + MosquittoPasswords.hash("secret".toCharArray(), salt)).isEqualTo(line);
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        SecureRandom r = new SecureRandom();
        char[] a = MosquittoPasswords.generate(r);
        char[] b = MosquittoPasswords.generate(r);
        assertThat(a).hasSize(32);
        assertThat(new String(a)).isNotEqualTo(new String(b)).matches("[A-Za-z0-9_-]{32}");
    }

    @Test
    void theAclBlockIsReplacedNotRepeatedAndLinesAroundItStay() {
        String acl = "user central\ntopic readwrite kiosk/v1/#\n";
        String once = BrokerAccounts.aclWithBlock(acl, List.of("s/a", "s/b"));
        String twice = BrokerAccounts.aclWithBlock(once + "# after\n", List.of("s/b"));
        assertThat(once).startsWith(acl).contains("user s/a\n", "topic write kiosk/v1/s/a/evt/#\n",
                "topic read kiosk/v1/s/a/cmd/#\n", "user s/b\n");
        assertThat(twice).startsWith(acl).doesNotContain("s/a").contains("user s/b\n").endsWith("# after\n");
        assertThat(twice.indexOf(BrokerAccounts.BEGIN)).isEqualTo(twice.lastIndexOf(BrokerAccounts.BEGIN));
    }
}
