// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unionkiosk.central.ingest.IngestedEvent;

class UsageCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static IngestedEvent event(String type, String json) throws Exception {
        return new IngestedEvent("sz", "sz/st-1", 1, 0, type, null, JSON.readTree(json), json, 0);
    }

    @Test
    void mapsEventsToTheDocumentedMetrics() throws Exception {
        assertThat(UsageCounter.metrics(event("access.granted", "{}"))).isEqualTo(Map.of("grants", 1L));
        assertThat(UsageCounter.metrics(event("access.denied", "{\"reason\":\"revoked\"}")))
                .isEqualTo(Map.of("refusals.revoked", 1L));
        assertThat(UsageCounter.metrics(event("access.denied", "{\"reason\":\"<script>\"}")))
                .isEqualTo(Map.of("refusals.other", 1L));
        assertThat(UsageCounter.metrics(event("occupancy.entered", "{\"inside\":7}")))
                .isEqualTo(Map.of("entries", 1L, "visits", 1L, UsageCounter.PEAK, 7L));
        assertThat(UsageCounter.metrics(event("occupancy.exited", "{\"inside\":6}")))
                .isEqualTo(Map.of("exits", 1L, UsageCounter.PEAK, 6L));
        assertThat(UsageCounter.metrics(event("locker.assigned", "{}"))).isEqualTo(Map.of("lockers.assigned", 1L));
        assertThat(UsageCounter.metrics(event("alarm.forced_open", "{}"))).isEqualTo(Map.of("alarms", 1L));
        assertThat(UsageCounter.metrics(event("alarm.cleared", "{}"))).isEmpty();
        assertThat(UsageCounter.metrics(event("door.opened", "{}"))).isEmpty();
    }
}
