// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.commands;

import io.vertx.core.json.JsonObject;

/**
 * One command as central tracks it.
 *
 * @param outcome {@code pending}, {@code ok}, {@code refused} (with the station's reason), {@code timeout} (no
 *                answer in time) or {@code unsent} (the broker did not take it)
 */
public record CommandRecord(String id, String station, String name, JsonObject args, String issuedBy, long issuedAt,
                            long expiresAt, String outcome, String reason, Long answeredAt) {
    public JsonObject toJson() {
        return new JsonObject().put("id", id).put("station", station).put("name", name).put("args", args)
                .put("issuedBy", issuedBy).put("issuedAt", issuedAt).put("expiresAt", expiresAt)
                .put("outcome", outcome).put("reason", reason).put("answeredAt", answeredAt);
    }
}
