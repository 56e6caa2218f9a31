// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import org.junit.jupiter.api.Test;

class UsersCheckTest {
    private final Users users = new Users(new Audit(Clock.systemUTC()), Clock.systemUTC());
    private final Users.Account ann = new Users.Account("ann", Role.ADMIN, 1L);
    private final Users.Credentials stored = new Users.Credentials(ann,
            new PasswordHasher().hash("correct horse battery".toCharArray()));

    @Test
    void theRightPasswordGivesTheAccountAndAnythingElseNothing() {
        assertThat(users.check(stored, "correct horse battery".toCharArray())).isEqualTo(ann);
        assertThat(users.check(stored, "correct horse batterx".toCharArray())).isNull();
        assertThat(users.check(null, "not-a-password".toCharArray())).as("unknown name, even with the dummy's "
                + "password").isNull();
    }
}
