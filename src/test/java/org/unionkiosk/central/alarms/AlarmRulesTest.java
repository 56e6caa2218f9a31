// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AlarmRulesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    private static AlarmRules.Key key(AlarmCode c, String subject) {
        return new AlarmRules.Key(c, subject);
    }

    @Nested
    class Events {
        @Test
        void doorAlarmRaisesAndItsClearedEventClears() throws Exception {
            List<AlarmRules.Change> raised = AlarmRules.fromEvent("alarm.forced_open", json("{}"));
            List<AlarmRules.Change> cleared = AlarmRules.fromEvent("alarm.cleared", json("{\"alarm\":\"forced_open\"}"));

            assertThat(raised).containsExactly(new AlarmRules.Change(key(AlarmCode.FORCED_OPEN, ""), true, null));
            assertThat(cleared).containsExactly(new AlarmRules.Change(key(AlarmCode.FORCED_OPEN, ""), false, null));
        }

        @Test
        void lockerAlarmsAreKeptPerLockerAndClosingClearsForcedAndLeftOpen() throws Exception {
            List<AlarmRules.Change> forced = AlarmRules.fromEvent("locker.forced", json("{\"locker\":\"7\"}"));
            List<AlarmRules.Change> closed = AlarmRules.fromEvent("locker.closed", json("{\"locker\":\"7\"}"));

            assertThat(forced).extracting(AlarmRules.Change::key).containsExactly(key(AlarmCode.LOCKER_FORCED, "7"));
            assertThat(closed).extracting(AlarmRules.Change::key)
                    .containsExactly(key(AlarmCode.LOCKER_FORCED, "7"), key(AlarmCode.LOCKER_LEFT_OPEN, "7"));
            assertThat(closed).noneMatch(AlarmRules.Change::raise);
        }

        @Test
        void overdueLockerClearsWhenReleased() throws Exception {
            assertThat(AlarmRules.fromEvent("locker.overdue", json("{\"locker\":\"2\",\"since\":\"x\"}")))
                    .singleElement().satisfies(c -> assertThat(c.detail()).isEqualTo("locker 2 since x"));
            assertThat(AlarmRules.fromEvent("locker.released", json("{\"locker\":\"2\"}")))
                    .containsExactly(new AlarmRules.Change(key(AlarmCode.LOCKER_OVERDUE, "2"), false, null));
        }

        @Test
        void ordinaryAndUnknownEventsChangeNothing() throws Exception {
            assertThat(AlarmRules.fromEvent("access.granted", json("{}"))).isEmpty();
            assertThat(AlarmRules.fromEvent("alarm.meteor", json("{}"))).isEmpty();
            assertThat(AlarmRules.fromEvent("alarm.cleared", json("{\"alarm\":\"meteor\"}"))).isEmpty();
        }
    }

    @Nested
    class Status {
        @Test
        void healthyStatusHasNoConditions() throws Exception {
            assertThat(AlarmRules.fromStatus(json("{\"alarms\":[],\"clockSynced\":true,\"problems\":[],"
                    + "\"health\":{\"outboxDepth\":3,\"diskFreeMb\":9000}}"))).isEmpty();
        }

        @Test
        void everyConditionOfAStatusIsReported() throws Exception {
            Map<AlarmRules.Key, String> active = AlarmRules.fromStatus(json("{\"alarms\":[\"held_open\",\"fire\"],"
                    + "\"clockSynced\":false,\"problems\":[\"scanner in: no data for 30 s\",\"store: locked\"],"
                    + "\"health\":{\"outboxDepth\":" + (AlarmRules.OUTBOX_BACKLOG + 1) + ",\"diskFreeMb\":"
                    + (AlarmRules.DISK_LOW_MB - 1) + "}}"));

            assertThat(active).containsOnlyKeys(key(AlarmCode.HELD_OPEN, ""), key(AlarmCode.FIRE, ""),
                    key(AlarmCode.CLOCK_UNSYNCED, ""), key(AlarmCode.SCANNER_FAULT, "in"),
                    key(AlarmCode.OUTBOX_BACKLOG, ""), key(AlarmCode.DISK_LOW, ""));
            assertThat(active.get(key(AlarmCode.SCANNER_FAULT, "in"))).isEqualTo("scanner in: no data for 30 s");
        }

        @Test
        void thresholdsThemselvesAreNotAlarms() throws Exception {
            assertThat(AlarmRules.fromStatus(json("{\"health\":{\"outboxDepth\":" + AlarmRules.OUTBOX_BACKLOG
                    + ",\"diskFreeMb\":" + AlarmRules.DISK_LOW_MB + "}}"))).isEmpty();
        }
    }
}
