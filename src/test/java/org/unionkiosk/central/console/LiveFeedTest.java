// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.unionkiosk.central.alarms.Alarms;

@Timeout(value = 10, unit = SECONDS)
class LiveFeedTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(5, SECONDS);
    }

    @Test
    void aStoppedFeedNoLongerListensForAlarms() throws Exception {
        // No fleet, alarms or auth: with no client and nothing changed, its timers touch none of them.
        LiveFeed feed = new LiveFeed(vertx, null, null, null);
        Promise<Void> started = Promise.promise();
        vertx.runOnContext(v -> {
            feed.start();
            started.complete();
        });
        started.future().await(5, SECONDS);
        assertThat(failure(ask())).as("a consumer hears it but does not reply").isEqualTo(ReplyFailure.TIMEOUT);

        feed.stop().await(5, SECONDS);

        assertThat(failure(ask())).isEqualTo(ReplyFailure.NO_HANDLERS);
    }

    private Future<?> ask() {
        return vertx.eventBus().request(Alarms.ADDRESS, new JsonObject().put("station", "s/a"),
                new DeliveryOptions().setSendTimeout(300));
    }

    private static ReplyFailure failure(Future<?> f) {
        try {
            f.await(5, SECONDS);
            return null;
        } catch (ReplyException e) {
            return e.failureType();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
