// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.unionkiosk.central.CentralFiles;
import org.unionkiosk.central.CentralMain;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.config.ConfigLoader;
import org.unionkiosk.station.telemetry.Mosquitto;

/**
 * The console in headless Chromium against central on SQLite and a real Mosquitto, fed by a station speaking the
 * real MQTT envelope: login, live presence from will and birth, a live alarm acknowledged, an unlock answered, the
 * monthly CSV, the wall display, and a viewer without command buttons whom the API refuses as well.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class ConsoleIT {
    private static final String ADMIN_PW = "admin-password-1";
    private static final String VIEWER_PW = "viewer-password-1";

    private Path dir;
    private Mosquitto broker;
    private Vertx vertx;
    private CentralMain central;
    private String base;
    private ChromeDriver browser;
    private final AtomicLong seq = new AtomicLong();

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        broker = Mosquitto.start(java.nio.file.Files.createDirectories(dir.resolve("broker")), "");
        CentralFiles files = new CentralFiles(dir.resolve("central"));
        Path db = dir.resolve("central/central.db");
        Path cfg = files.config("central-1", broker.url(), "jdbc:sqlite:" + db, "");
        vertx = Vertx.vertx();
        central = new CentralMain(vertx, Clock.systemDefaultZone());
        int port = central.start(ConfigLoader.load(cfg)).toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + port;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            Users users = new Users(new Audit(Clock.systemUTC()), Clock.systemUTC());
            users.add(c, "admin", Role.ADMIN, users.hash(ADMIN_PW.toCharArray()), "test", "127.0.0.1");
            users.add(c, "viewer", Role.VIEWER, users.hash(VIEWER_PW.toCharArray()), "test", "127.0.0.1");
        }
        browser = Browser.start(dir.resolve("chrome"), 1366, 900);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                if (central != null) {
                    central.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
                if (vertx != null) {
                    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                }
            } finally {
                if (broker != null) {
                    broker.close();
                }
            }
        }
    }

    @Test
    void anAdminWatchesTheFleetAnswersAlarmsSendsCommandsAndReports() throws Exception {
        FakeStation st = new FakeStation(broker.url(), "north", "st-1", 1, seq, true);
        st.status(3, 40, "locked");
        login("admin", ADMIN_PW);
        wait(10).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-station='north/st-1'][data-presence='online']")));
        Browser.screenshot(browser, "fleet");

        // The process dies: the broker publishes its will; a new process is born with a newer session.
        st.crash();
        wait(20).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-station='north/st-1'][data-presence='offline']")));
        st = new FakeStation(broker.url(), "north", "st-1", 2, seq, true);
        st.status(3, 40, "locked");
        wait(20).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-station='north/st-1'][data-presence='online']")));

        // A door forced open shows up live on the alarms page and is acknowledged with a note.
        browser.get(base + "/console/alarms.html");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#alarms tbody")));
        st.event("alarm.forced_open", "");
        WebElement notice = wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
        assertThat(notice.getText()).contains("north/st-1").contains("forced_open");
        By forced = By.cssSelector("tr[data-code='forced_open'] form.ack input");
        // The list redraws on live changes until the note field has the focus: retry a find that went stale.
        wait(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            WebElement note = d.findElement(forced);
            note.clear();
            note.sendKeys("guard checked the door");
            return note.getAttribute("value").equals("guard checked the door");
        });
        browser.findElement(By.cssSelector("tr[data-code='forced_open'] form.ack button")).click();
        wait(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            String text = d.findElement(By.cssSelector("tr[data-code='forced_open'] .ackcell")).getText();
            return text.contains("guard checked the door") && text.contains("admin");
        });

        // The station reports the door alarm cleared: it leaves the open list live and shows as cleared in all.
        st.event("alarm.cleared", "\"alarm\":\"forced_open\"");
        wait(10).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("tr[data-code='forced_open']"), 0));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state"))).selectByValue("all");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-code='forced_open'][data-state='cleared']")));
        assertThat(browser.findElements(By.cssSelector("tr[data-code='station_offline'][data-state='cleared']")))
                .as("the will raised station_offline and the new birth cleared it").hasSize(1);

        // Today's traffic: 7 people through the door (visits), 8 grants (7 at the entry, 1 at the exit), 3 refusals.
        for (int i = 1; i <= 7; i++) {
            st.event("access.granted", "\"member\":\"m" + (i % 3) + "\",\"role\":\"entry\",\"scanner\":\"in\"");
            st.event("occupancy.entered", "\"inside\":" + i);
        }
        st.event("access.granted", "\"member\":\"m1\",\"role\":\"exit\",\"scanner\":\"out\"");
        st.event("access.denied", "\"reason\":\"revoked\",\"role\":\"entry\"");
        st.event("access.denied", "\"reason\":\"revoked\",\"role\":\"entry\"");
        st.event("access.denied", "\"reason\":\"full\",\"role\":\"entry\"");

        // An unlock from the station page gets the station's answer.
        browser.get(base + "/console/station.html?id=north/st-1");
        wait(10).until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[data-cmd='unlock']"))).click();
        wait(15).until(ExpectedConditions.attributeToBe(By.id("answer"), "data-outcome", "ok"));
        wait(10).until(d -> d.findElements(By.cssSelector("#events tbody tr")).size() >= 10);
        Browser.screenshot(browser, "station");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
        Browser.screenshot(browser, "station-tablet");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));

        // The site's monthly CSV downloaded with the page's button has the numbers sent.
        browser.get(base + "/console/reports.html");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#site option[value='north']")));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("site"))).selectByValue("north");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-figure='visits'] .v"), "7"));
        assertThat(browser.findElement(By.cssSelector("[data-figure='grants'] .v")).getText()).isEqualTo("8");
        // Visits served by occupation: the 7 entry grants went to 3 card holders who never registered an occupation.
        assertThat(browser.findElement(By.cssSelector("#served tr[data-occupation='unregistered']")).getText())
                .isEqualTo("持卡会员（未登记职业） 7 3 4");
        browser.findElement(By.cssSelector("#csv button")).click();
        Path download = dir.resolve("chrome/downloads/usage-north-" + YearMonth.now() + ".csv");
        String csv = wait(15).until(d -> {
            try {
                // Chromium may show the file before its content is written: wait for both tables' total lines.
                String text = java.nio.file.Files.exists(download) ? java.nio.file.Files.readString(download) : "";
                return text.indexOf("\ntotal,") != text.lastIndexOf("\ntotal,") ? text : null;
            } catch (java.io.IOException notYet) {
                return null;
            }
        });
        assertThat(csv.lines()).containsSubsequence("\uFEFFstation,entries,exits,visits,grants,refusals,refusals.full,"
                + "refusals.revoked,occupancy.peak,lockers.assigned,lockers.opened,alarms",
                "north/st-1,7,0,7,8,3,1,2,7,0,0,1", "total,7,0,7,8,3,1,2,7,0,0,1", "",
                "occupation,visits_served,first_time,repeat", "unregistered,7,3,4", "total,7,3,4");

        // Members: register one, issue a badge, print its card (the QR is central's PNG), tick it for the A4 sheet.
        browser.get(base + "/console/members.html");
        wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#register input[name=memberId]")))
                .sendKeys("m-100");
        browser.findElement(By.cssSelector("#register input[name=name]")).sendKeys("张三");
        browser.findElement(By.cssSelector("#register input[name=phone]")).sendKeys("13800138000");
        browser.findElement(By.cssSelector("#register input[name=occupation]")).sendKeys("快递员");
        browser.findElement(By.cssSelector("#register input[name=union]")).sendKeys("市总工会");
        browser.findElement(By.cssSelector("#register button")).click();
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "tr[data-member='m-100']"), "快递员"));
        assertThat(browser.findElement(By.cssSelector("tr[data-member='m-100']")).getText())
                .doesNotContain("13800138000");
        wait(10).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#issue button"))).click();
        WebElement print = wait(10).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#badges tr[data-badge] a")));
        wait(10).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#badges tr[data-badge] .pick")).click();
            return d.findElement(By.id("sheet")).isDisplayed();
        });
        String cardUrl = print.getAttribute("href");
        browser.get(cardUrl.replace("cards=", "sheet=1&cards="));
        wait(10).until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('.card img'); return !!i && i.complete && i.naturalWidth > 0;"));
        assertThat(browser.findElement(By.cssSelector(".card")).getText()).contains("张三", "市总工会", "m-100");
        Browser.screenshot(browser, "card-sheet");
        st.event("access.granted", "\"member\":\"m-100\",\"role\":\"entry\",\"scanner\":\"in\"");

        // The wall display, opened with a link an admin made, needs no login and shows today's visits.
        browser.get(base + "/console/users.html");
        // An admin adds a user, changes the role and resets the password; all three are in the audit log.
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#add input[name=name]")))
                .sendKeys("temp.user");
        browser.findElement(By.cssSelector("#add input[name=password]")).sendKeys("first-password-1");
        browser.findElement(By.cssSelector("#add button")).click();
        By temp = By.cssSelector("tr[data-user='temp.user']");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(temp));
        new org.openqa.selenium.support.ui.Select(browser.findElement(temp).findElement(By.className("role")))
                .selectByValue("technician");
        wait(10).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "tr[data-user='temp.user'] .msg"), "✓"));
        browser.findElement(temp).findElement(By.className("pw")).sendKeys("second-password-2");
        browser.findElement(temp).findElement(By.className("reset")).click();
        wait(10).until(d -> d.findElement(temp).findElement(By.className("pw")).getAttribute("value").isEmpty());
        String users = (String) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "Promise.all([fetch('/api/users').then(r => r.text()), fetch('/api/audit?limit=5').then(r => r.text())])"
                + ".then(a => done(a.join('\\n')));");
        assertThat(users).contains("{\"name\":\"temp.user\",\"role\":\"technician\"")
                .contains("\"action\":\"user.update\",\"target\":\"temp.user\",\"detail\":\"password reset\"")
                .contains("\"detail\":\"role=technician\"");
        browser.navigate().refresh();
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#link input[name=label]")))
                .sendKeys("office wall");
        browser.findElement(By.cssSelector("#link button")).click();
        String wallUrl = wait(10).until(d -> {
            String v = d.findElement(By.id("newlink")).getAttribute("value");
            return v == null || v.isEmpty() ? null : v;
        });
        ChromeDriver anonymous = Browser.start(dir.resolve("chrome-wall"), 1920, 1080);
        try {
            anonymous.get(wallUrl);
            new WebDriverWait(anonymous, Duration.ofSeconds(10)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("today"), "7"));
            assertThat(anonymous.findElements(By.cssSelector(".tile[data-station='north/st-1']"))).hasSize(1);
            assertThat(anonymous.findElement(By.id("occupations")).getText()).contains("快递员");
            Browser.screenshot(anonymous, "wall");
            anonymous.get(base + "/wall/not-a-token");
            assertThat(anonymous.getPageSource()).contains("not valid");
        } finally {
            anonymous.quit();
        }
        st.close();
    }

    @Test
    void aViewerSeesNoCommandButtonsAndTheApiRefusesThem() throws Exception {
        FakeStation st = new FakeStation(broker.url(), "south", "st-9", 1, new AtomicLong(), true);
        try {
            st.selftestWithAFailedContact();
            login("viewer", VIEWER_PW);
            // Until central has stored the report, so the page has it at its first load.
            Object stored = browser.executeAsyncScript("const done = arguments[0];"
                    + "const poll = (n) => fetch('/api/stations/south/st-9').then(r => r.ok ? r.json() : {})"
                    + ".then(s => s.selftest || n <= 0 ? done(!!s.selftest) : setTimeout(() => poll(n - 1), 200));"
                    + "poll(50);");
            assertThat(stored).isEqualTo(true);
            browser.get(base + "/console/station.html?id=south/st-9");
            wait(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#presence")));
            // The last self-test: one row per check, the failed one with its fix (zh-CN texts by default).
            wait(10).until(d -> d.findElements(By.cssSelector("#selftest tbody tr")).size() == 2);
            WebElement failed = browser.findElement(By.cssSelector("#selftest tr[data-result='fail']"));
            assertThat(failed.getText()).contains("door contact (BCM 27)", "失败", "no change within 30 s",
                    "check the door contact wiring or door.contact");
            assertThat(browser.findElement(By.id("selftest-summary")).getText()).contains("1 项通过", "1 项失败");
            assertThat(browser.findElement(By.cssSelector("#selftest th")).getText()).isEqualTo("检查项");
            browser.executeScript("document.getElementById('selftest').scrollIntoView()");
            Browser.screenshot(browser, "station-selftest");
            assertThat(browser.findElements(By.cssSelector("[data-cmd]"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("#config"))).isEmpty();
            Object status = browser.executeAsyncScript("const done = arguments[0];"
                    + "fetch('/api/session').then(r => r.json()).then(s => fetch('/api/stations/south/st-9/commands',"
                    + "{method: 'POST', headers: {'content-type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                    + "body: JSON.stringify({name: 'unlock', args: {}})})).then(r => done(r.status));");
            assertThat(((Number) status).intValue()).isEqualTo(403);
            Object ack = browser.executeAsyncScript("const done = arguments[0];"
                    + "fetch('/api/session').then(r => r.json()).then(s => fetch('/console/api/alarms/1/ack',"
                    + "{method: 'POST', headers: {'content-type': 'application/json', 'X-CSRF-Token': s.csrfToken},"
                    + "body: JSON.stringify({note: 'x'})})).then(r => done(r.status));");
            assertThat(((Number) ack).intValue()).isEqualTo(403);

            // A session that is gone (expired or revoked) sends the page back to login, saying so.
            browser.manage().deleteCookieNamed("uk_session");
            browser.navigate().refresh();
            wait(10).until(ExpectedConditions.urlContains("/console/login.html?expired=1"));
            assertThat(browser.findElement(By.id("error")).getText()).isNotBlank();
        } finally {
            st.close();
        }
    }

    private void login(String user, String password) {
        browser.manage().deleteAllCookies();
        browser.get(base + "/console/login.html");
        wait(10).until(ExpectedConditions.presenceOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("submit")).click();
        wait(10).until(ExpectedConditions.urlToBe(base + "/console/"));
    }

    private WebDriverWait wait(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)) {
            @Override
            public <V> V until(java.util.function.Function<? super org.openqa.selenium.WebDriver, V> isTrue) {
                try {
                    return super.until(isTrue);
                } catch (org.openqa.selenium.TimeoutException e) {
                    // What the page showed and logged, for whoever reads the failure.
                    StringBuilder b = new StringBuilder(browser.getCurrentUrl()).append('\n');
                    browser.manage().logs().get("browser").forEach(l -> b.append(l).append('\n'));
                    String page = browser.findElement(By.tagName("body")).getText();
                    throw new AssertionError(b + page.substring(0, Math.min(3000, page.length())), e);
                }
            }
        };
    }
}
