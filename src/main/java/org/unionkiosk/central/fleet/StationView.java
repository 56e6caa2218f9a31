// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.fleet;

import io.vertx.core.json.JsonObject;

/**
 * One station as the API shows it.
 *
 * @param status         its last retained status document (with {@code health}), or null
 * @param reportedConfig its last {@code config/reported}, or null
 * @param gaps           seq numbers between the lowest and highest stored that have not arrived (yet)
 */
public record StationView(String station, String site, Presence presence, long session, Long stateAt,
                          String version, Long statusAt, JsonObject status, JsonObject reportedConfig,
                          long eventsStored, long lastSeq, long gaps, long duplicates) {
    public JsonObject toJson() {
        return new JsonObject().put("station", station).put("site", site).put("presence", presence.toString())
                .put("session", session).put("stateAt", stateAt).put("version", version).put("statusAt", statusAt)
                .put("status", status).put("health", status == null ? null : status.getJsonObject("health"))
                .put("reportedConfig", reportedConfig).put("eventsStored", eventsStored).put("lastSeq", lastSeq)
                .put("gaps", gaps).put("duplicates", duplicates);
    }
}
