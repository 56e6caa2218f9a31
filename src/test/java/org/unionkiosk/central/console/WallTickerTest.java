// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class WallTickerTest {
    @Test
    void theLoginFreeWallGetsOnlyWhatItsTickerShows() {
        JsonArray open = new JsonArray().add(new JsonObject().put("id", 7).put("station", "sz/st-1")
                .put("site", "sz").put("code", "door_forced").put("subject", "").put("severity", "critical")
                .put("raisedAt", 1L).put("detail", "member M-17 badge b-3").put("ackedBy", "ann")
                .put("ackedAt", 2L).put("ackNote", "called Li Wei on 138 0000 0000"));

        JsonArray ticker = Console.tickerAlarms(open);

        assertThat(ticker).hasSize(1);
        assertThat(ticker.getJsonObject(0).fieldNames()).containsExactlyInAnyOrder("station", "code", "subject",
                "severity");
        assertThat(ticker.encode()).doesNotContain("ann", "Li Wei", "M-17");
    }
}
