// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;

/** The station screen in a real headless Chromium, updating live as badges are scanned. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ScreenPageIT {
    @TempDir
    Path dir;

    private static final String VERDICT = "document.getElementById('verdict').textContent";

    private StationProcess station(SigningKey key, String extra) throws Exception {
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, key, port, StationConfigs.ACCESS + extra);
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        return StationProcess.start(cfg, fifo, port);
    }

    @Test
    void showsTheVerdictOfEachScanInChineseWithoutReloading() throws Exception {
        SigningKey key = Badges.newKey();
        try (StationProcess st = station(key, "");
             HeadlessChromium page = HeadlessChromium.open(st.url("/"), Files.createDirectories(dir.resolve("p")))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> page.eval("document.getElementById('occupancy')"
                    + ".textContent").contains("当前在站人数"));
            assertThat(page.eval("document.getElementById('prompt').textContent")).isEqualTo("请扫码进入");
            assertThat(page.eval(VERDICT)).isEmpty();

            st.scan(Badges.issue(key, Badges.card("m-1", Instant.now(), Duration.ofDays(1), BadgeScope.ALL)));
            await().atMost(Duration.ofSeconds(5)).until(() -> page.eval(VERDICT).equals("欢迎！门已打开"));
            assertThat(page.eval("document.getElementById('verdict').dataset.result")).isEqualTo("granted");

            st.scan(Badges.issue(key, Badges.card("m-2", Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1),
                    BadgeScope.ALL)));
            await().atMost(Duration.ofSeconds(5)).until(() -> page.eval(VERDICT).equals("工会卡已过期，请续期"));
            assertThat(page.eval("document.getElementById('verdict').dataset.reason")).isEqualTo("expired");
        }
    }

    @Test
    void speaksEnglishWhenConfigured() throws Exception {
        SigningKey key = Badges.newKey();
        try (StationProcess st = station(key, "screen: {language: en}\n");
             HeadlessChromium page = HeadlessChromium.open(st.url("/"), Files.createDirectories(dir.resolve("p")))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> page.eval("document.getElementById('prompt')"
                    + ".textContent").equals("Scan your badge"));

            st.scan("not a badge");

            await().atMost(Duration.ofSeconds(5)).until(() -> page.eval(VERDICT)
                    .equals("This code is not a union badge"));
        }
    }
}
