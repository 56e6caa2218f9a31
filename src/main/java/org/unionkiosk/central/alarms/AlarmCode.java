// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.alarms;

/**
 * What an alarm is about, with its severity. Codes are the wire names the console and the API show; door codes are
 * the station's own ({@code alarm.forced_open} …).
 */
enum AlarmCode {
    FORCED_OPEN(Severity.CRITICAL),
    HELD_OPEN(Severity.MAJOR),
    TAMPER(Severity.CRITICAL),
    FIRE(Severity.CRITICAL),
    LOCKER_FORCED(Severity.CRITICAL),
    LOCKER_LEFT_OPEN(Severity.MINOR),
    LOCKER_OVERDUE(Severity.MINOR),
    SCANNER_FAULT(Severity.MAJOR),
    STATION_OFFLINE(Severity.MAJOR),
    OUTBOX_BACKLOG(Severity.MAJOR),
    CLOCK_UNSYNCED(Severity.MAJOR),
    DISK_LOW(Severity.MINOR);

    /** How urgent: critical means someone goes there now. */
    public enum Severity {
        CRITICAL, MAJOR, MINOR;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    private final Severity severity;

    AlarmCode(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    public String code() {
        return name().toLowerCase();
    }

    /** The code named {@code text}, or null. */
    public static AlarmCode parse(String text) {
        for (AlarmCode c : values()) {
            if (c.code().equals(text)) {
                return c;
            }
        }
        return null;
    }
}
