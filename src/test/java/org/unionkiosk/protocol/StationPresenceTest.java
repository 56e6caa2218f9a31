// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StationPresenceTest {
    private final StationPresence presence = new StationPresence();

    @Test
    void lateWillOfAnOlderSessionDoesNotMarkARebornStationOffline() {
        presence.apply("s/1", true, 4);
        presence.apply("s/1", true, 5);

        boolean changed = presence.apply("s/1", false, 4);

        assertThat(changed).isFalse();
        assertThat(presence.get("s/1")).isEqualTo(new StationPresence.Presence(true, 5));
    }

    @Test
    void willOfTheCurrentSessionMarksItOffline() {
        presence.apply("s/1", true, 7);

        assertThat(presence.apply("s/1", false, 7)).isTrue();
        assertThat(presence.get("s/1").online()).isFalse();
    }
}
