// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.config.ConfigLoader;
import org.unionkiosk.central.store.Database;

/** Central started in the test's JVM, with users added the way {@code central user add} adds them. */
public final class InProcessCentral implements AutoCloseable {
    public final CentralConfig cfg;
    public final int port;
    private final Vertx vertx;
    private final CentralMain central;

    private InProcessCentral(CentralConfig cfg, Vertx vertx, CentralMain central, int port) {
        this.cfg = cfg;
        this.vertx = vertx;
        this.central = central;
        this.port = port;
    }

    /** Starts central on {@code config}, after adding {@code users} as NAME:ROLE (password NAME-password). */
    public static InProcessCentral start(Path config, String... users) throws Exception {
        CentralConfig cfg = ConfigLoader.load(config);
        Vertx vertx = Vertx.vertx();
        try (Database db = Database.open(vertx, cfg.database())) {
            Users u = new Users(new Audit(Clock.systemUTC()), Clock.systemUTC());
            for (String spec : users) {
                String[] p = spec.split(":");
                db.txBlocking(c -> {
                    u.add(c, p[0], Role.parse(p[1]), password(p[0]), "test", "localhost");
                    return null;
                });
            }
        }
        CentralMain central = new CentralMain(vertx, Clock.systemUTC());
        try {
            int port = central.start(cfg).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            return new InProcessCentral(cfg, vertx, central, port);
        } catch (Exception e) {
            vertx.close();
            throw e;
        }
    }

    public static char[] password(String user) {
        return (user + "-password").toCharArray();
    }

    public ApiClient client() {
        return new ApiClient(port);
    }

    @Override
    public void close() throws Exception {
        central.stop().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
