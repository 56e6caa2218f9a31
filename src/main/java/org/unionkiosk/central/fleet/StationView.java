// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import io.vertx.core.json.JsonObject;

/**
 * One station as the API shows it. The status is the station's own document, stored as sent: a {@code health} that
 * is not an object reads as absent, so one odd station cannot break {@code /api/stations} or the station page.
 *
 * @param status         its last retained status document (with {@code health}), or null
 * @param reportedConfig its last {@code config/reported}, or null
 * @param gaps           seq numbers between the lowest and highest stored that have not arrived (yet)
 * @param selftest       its last self-test report (docs/selftest.md), or null
 */
public record StationView(String station, String site, Presence presence, long session, Long stateAt,
                          String version, Long statusAt, JsonObject status, JsonObject reportedConfig,
                          long eventsStored, long lastSeq, long gaps, long duplicates,
                          JsonObject selftest) {
    public JsonObject toJson() {
        return new JsonObject().put("station", station).put("site", site).put("presence", presence.toString())
                .put("session", session).put("stateAt", stateAt).put("version", version).put("statusAt", statusAt)
                .put("status", status).put("health", health())
                .put("reportedConfig", reportedConfig).put("eventsStored", eventsStored).put("lastSeq", lastSeq)
                .put("gaps", gaps).put("duplicates", duplicates).put("selftest", selftest);
    }

    private JsonObject health() {
        return status != null && status.getValue("health") instanceof JsonObject h ? h : null;
    }
}
