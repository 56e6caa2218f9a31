// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ReportsTest {
    private static JsonObject row(long visits, long refused, JsonObject refusals, Integer peak) {
        return new JsonObject().put("visits", visits).put("members", 2L).put("entries", visits).put("refused", refused)
                .put("lockers", 1L).put("refusals", refusals).put("peakHour", peak);
    }

    @Test
    void csvHasOneLinePerStationATotalAndAColumnPerRefusalReason() {
        JsonObject report = new JsonObject().put("month", "2026-11").put("stations", new JsonArray()
                .add(row(5, 1, new JsonObject().put("revoked", 1L), 9).put("station", "a/s1"))
                .add(row(0, 2, new JsonObject().put("full", 2L), null).put("station", "a/s2")))
                .put("total", row(5, 3, new JsonObject().put("full", 2L).put("revoked", 1L), 9));

        String csv = Reports.csv(report);

        assertThat(csv.split("\r\n")).containsExactly(
                "month,station,visits,members,entries,refusals,lockers,peak_hour,refused_full,refused_revoked",
                "2026-11,a/s1,5,2,5,1,1,9,0,1",
                "2026-11,a/s2,0,2,0,2,1,,2,0",
                "2026-11,total,5,2,5,3,1,9,2,1");
    }
}
