// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.config.DatabaseConfig;
import org.unionkiosk.central.store.Database;

/** Adding a user and resetting a password store a hash made before the transaction, on a real SQLite file. */
class UsersTest {
    private final Users users = new Users(new Audit(Clock.systemUTC()), Clock.systemUTC());
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    void aShortPasswordIsRefusedBeforeAnyHashingOrTransaction() {
        assertThatThrownBy(() -> users.hash("short".toCharArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("password:");
        assertThat(users.hash(null)).isNull();
    }

    @Test
    void theHashMadeBeforeTheTransactionIsWhatIsStored(@TempDir Path dir) {
        Users.PasswordHash first = users.hash("correct horse battery".toCharArray());
        Users.PasswordHash second = users.hash("another long password".toCharArray());
        try (Database db = Database.open(vertx, new DatabaseConfig("jdbc:sqlite:" + dir.resolve("c.db"), null, null,
                2, 30))) {
            db.txBlocking(c -> {
                users.add(c, "ann", Role.ADMIN, first, "test", "127.0.0.1");
                return null;
            });
            Users.Credentials stored = db.txBlocking(c -> users.credentials(c, "ann"));
            assertThat(stored.hash()).isEqualTo(first.value());
            assertThat(users.check(stored, "correct horse battery".toCharArray())).isNotNull();

            db.txBlocking(c -> {
                users.update(c, "ann", null, second, "test", "127.0.0.1");
                return null;
            });
            Users.Credentials reset = db.txBlocking(c -> users.credentials(c, "ann"));
            assertThat(users.check(reset, "another long password".toCharArray())).isNotNull();
            assertThat(users.check(reset, "correct horse battery".toCharArray())).isNull();
            assertThatThrownBy(() -> db.txBlocking(c -> {
                users.add(c, "bob", Role.VIEWER, null, "test", "127.0.0.1");
                return null;
            })).hasMessageContaining("password:");
        }
    }
}
