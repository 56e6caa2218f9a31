// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.alarms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which alarms a station message raises or clears; no database, no clock. Events raise at once (and clear what the
 * station reports cleared); each status document is the truth for the conditions it carries, so an alarm whose
 * clearing event was lost still clears with the next status.
 */
final class AlarmRules {
    /** Events queued on the station above this many: it cannot reach the broker or central cannot keep up. */
    static final long OUTBOX_BACKLOG = 1000;
    /** Free space on the station's data disk below this many MiB. */
    static final long DISK_LOW_MB = 256;
    /** Codes a status document decides, raising and clearing. */
    static final Set<AlarmCode> STATUS_CODES = EnumSet.of(AlarmCode.FORCED_OPEN, AlarmCode.HELD_OPEN,
            AlarmCode.TAMPER, AlarmCode.FIRE, AlarmCode.SCANNER_FAULT, AlarmCode.OUTBOX_BACKLOG,
            AlarmCode.CLOCK_UNSYNCED, AlarmCode.DISK_LOW);

    /** One alarm of one station: {@code subject} is a locker or scanner id, or "" for the station itself. */
    record Key(AlarmCode code, String subject) {
    }

    /** Raise (with a detail) or clear one alarm. */
    record Change(Key key, boolean raise, String detail) {
    }

    private AlarmRules() {
    }

    static List<Change> fromEvent(String type, JsonNode f) {
        List<Change> out = new ArrayList<>();
        String locker = f.path("locker").asText("");
        switch (type) {
            case "alarm.cleared" -> {
                AlarmCode c = AlarmCode.parse(f.path("alarm").asText());
                if (c != null) {
                    out.add(new Change(new Key(c, ""), false, null));
                }
            }
            case "locker.forced" -> out.add(raise(AlarmCode.LOCKER_FORCED, locker, "locker " + locker));
            case "locker.left_open" -> out.add(raise(AlarmCode.LOCKER_LEFT_OPEN, locker, "locker " + locker));
            case "locker.overdue" -> out.add(raise(AlarmCode.LOCKER_OVERDUE, locker, "locker " + locker
                    + (f.hasNonNull("since") ? " since " + f.get("since").asText() : "")));
            case "locker.closed" -> {
                out.add(new Change(new Key(AlarmCode.LOCKER_FORCED, locker), false, null));
                out.add(new Change(new Key(AlarmCode.LOCKER_LEFT_OPEN, locker), false, null));
            }
            case "locker.released" -> out.add(new Change(new Key(AlarmCode.LOCKER_OVERDUE, locker), false, null));
            case "scanner.fault" -> {
                String scanner = f.path("scanner").asText("");
                out.add(raise(AlarmCode.SCANNER_FAULT, scanner, "scanner " + scanner + ": "
                        + f.path("problem").asText("")));
            }
            default -> {
                if (type.startsWith("alarm.")) {
                    AlarmCode c = AlarmCode.parse(type.substring("alarm.".length()));
                    if (c != null && STATUS_CODES.contains(c)) {
                        out.add(raise(c, "", null));
                    }
                }
            }
        }
        return out;
    }

    /** The status-decided alarms active in a status document, with their details. */
    static Map<Key, String> fromStatus(JsonNode s) {
        Map<Key, String> active = new LinkedHashMap<>();
        for (JsonNode a : s.path("alarms")) {
            AlarmCode c = AlarmCode.parse(a.asText());
            if (c != null && STATUS_CODES.contains(c)) {
                active.put(new Key(c, ""), null);
            }
        }
        for (JsonNode p : s.path("problems")) {
            String text = p.asText("");
            int colon = text.indexOf(':');
            if (text.startsWith("scanner ") && colon > 8) {
                active.put(new Key(AlarmCode.SCANNER_FAULT, text.substring(8, colon)), text);
            }
        }
        if (s.path("clockSynced").isBoolean() && !s.get("clockSynced").asBoolean()) {
            active.put(new Key(AlarmCode.CLOCK_UNSYNCED, ""), null);
        }
        JsonNode h = s.path("health");
        if (h.path("outboxDepth").asLong(0) > OUTBOX_BACKLOG) {
            active.put(new Key(AlarmCode.OUTBOX_BACKLOG, ""), h.get("outboxDepth").asLong() + " events queued");
        }
        if (h.path("diskFreeMb").isNumber() && h.get("diskFreeMb").asLong() < DISK_LOW_MB) {
            active.put(new Key(AlarmCode.DISK_LOW, ""), h.get("diskFreeMb").asLong() + " MiB free");
        }
        return active;
    }

    private static Change raise(AlarmCode c, String subject, String detail) {
        return new Change(new Key(c, subject), true, detail);
    }
}
