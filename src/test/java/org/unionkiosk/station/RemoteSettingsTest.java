// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.access.AccessPolicy;
import org.unionkiosk.station.config.AccessConfig;
import org.unionkiosk.station.config.OpeningHours;
import org.unionkiosk.station.config.StationConfig.Language;

class RemoteSettingsTest {
    private final AccessPolicy policy = new AccessPolicy(new AccessConfig(List.of(), Duration.ofMinutes(2), 20,
            OpeningHours.ALWAYS, 5, Duration.ofSeconds(10), false, Path.of("/x")), "s", "t",
            new TrustedKeys(List.of()), Clock.systemUTC());
    private final RemoteSettings settings = new RemoteSettings(policy, Language.ZH_CN);

    @Test
    void appliesCapacityHoursAndLanguageOverTheFileAndReportsThem() {
        settings.with(Map.of("capacity", "8", "openingHours", "07:00-23:30"));
        settings.with(Map.of("language", "en"));

        assertThat(policy.config().capacity()).isEqualTo(8);
        assertThat(policy.config().hours()).isEqualTo(new OpeningHours(LocalTime.of(7, 0), LocalTime.of(23, 30)));
        assertThat(settings.language()).isEqualTo(Language.EN);
        assertThat(settings.reported()).containsEntry("capacity", "8").containsEntry("openingHours", "07:00-23:30")
                .containsEntry("language", "en");
    }

    @Test
    void aBadValueChangesNothing() {
        settings.with(Map.of("capacity", "8"));

        assertThatThrownBy(() -> settings.with(Map.of("capacity", "12", "openingHours", "late")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openingHours");
        assertThatThrownBy(() -> settings.with(Map.of("doorCode", "1234")))
                .hasMessageContaining("not remotely managed");
        assertThat(policy.config().capacity()).isEqualTo(8);
        assertThat(policy.config().hours()).isEqualTo(OpeningHours.ALWAYS);
    }
}
