// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.unionkiosk.protocol.TrustedKey;

/**
 * What remote commands may do to the station. Implemented by the station verticle; called on its context. Each
 * future fails with an {@link IllegalArgumentException} when the arguments are wrong, and that message goes into
 * the command's response.
 */
public interface StationControl {
    Future<Void> unlock(Duration duration);

    /**
     * Lets one member in on central's word (phone entry): the same member, lockdown, hours and capacity checks as a
     * badge at the entry scanner, recorded as a grant {@code via} the given channel. A refusal fails the future with
     * {@link AdmissionRefused}, whose code goes into the command's response.
     */
    Future<Void> admit(String memberId, String via);

    Future<Void> lockdown(boolean on);

    /** @param kind {@code badge} (value: the badge's cti in hex) or {@code member} */
    Future<Void> revoke(String kind, String value, boolean revoked);

    Future<Void> suspend(String memberId, boolean suspended);

    Future<Void> trustBadgeKeys(List<TrustedKey> add, List<TrustedKey> remove);

    /** Applies and persists the remotely managed settings; returns the settings now in force. */
    Future<Map<String, String>> configure(Map<String, String> desired);

    Map<String, String> reportedConfig();

    JsonObject status();

    /** Locker commands; a station without lockers refuses them. */
    Future<Void> locker(String action, Map<String, String> args);
}
