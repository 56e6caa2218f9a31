// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless chromium through Debian's chromedriver, both named explicitly so Selenium Manager never tries
 * to download a browser or driver; a fresh profile per browser.
 */
public final class Browser {
    // No CDP bindings are used (only chromedriver's own endpoints): the version-mismatch warning is noise. Held
    // here because java.util.logging keeps loggers weakly.
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    private Browser() {
    }

    public static ChromeDriver start(Path profile, int width, int height) throws Exception {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
        Files.createDirectories(profile);
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
                "--lang=zh-CN");
        // Downloads land in the profile's downloads folder without asking.
        o.setExperimentalOption("prefs", java.util.Map.of("download.default_directory",
                profile.resolve("downloads").toString(), "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return d;
    }

    /** Saves a PNG under target/screenshots for a human to look at (not committed). */
    public static void screenshot(ChromeDriver d, String name) throws Exception {
        Path dir = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
    }
}
