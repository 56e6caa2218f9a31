// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.unionkiosk.central.CentralMain;
import org.unionkiosk.central.auth.Audit;
import org.unionkiosk.central.auth.Role;
import org.unionkiosk.central.auth.Users;
import org.unionkiosk.central.config.BrokerConfig;
import org.unionkiosk.central.config.CentralConfig;
import org.unionkiosk.central.config.DatabaseConfig;
import org.unionkiosk.central.config.FleetConfig;
import org.unionkiosk.central.config.HttpConfig;
import org.unionkiosk.central.config.IngestConfig;
import org.unionkiosk.central.config.PhoneEntryConfig;
import org.unionkiosk.central.config.Secrets;
import org.unionkiosk.central.config.UsageConfig;
import org.unionkiosk.central.store.Database;

/**
 * Composition root of {@code union-kiosk demo}: the embedded broker, central on SQLite, N stations running the
 * station's own code on Pi4J's mock platform, and their simulated members, all on the process's one Vert.x and one
 * accelerated clock. Start order: broker, central (it must be subscribed before stations publish), stations a few at
 * a time, members. Stop order is the reverse, and waits until central has seen every station go offline.
 */
public final class DemoMain {
    private static final Logger log = LoggerFactory.getLogger(DemoMain.class);
    static final String ADMIN = "admin";
    private static final String[] SITES = {"sz-nanshan", "sz-futian", "sz-baoan", "gz-tianhe"};
    private static final int MEMBERS_PER_STATION = 40;
    private static final int STARTING_AT_ONCE = 4;
    private static final Duration OFFLINE_WAIT = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final Settings settings;
    private final AcceleratedClock clock;
    private final EmbeddedBroker broker = new EmbeddedBroker();
    private final List<DemoStation> stations = new ArrayList<>();
    private final List<Visits> visits = new ArrayList<>();
    private final WorkerExecutor fifoWriter;
    private final WorkerExecutor apiCalls;
    private DemoFolder folder;
    private CentralMain central;
    private CentralApi api;
    private String password;

    /** What the command line asked for. {@code speed}: demo seconds per real second. */
    public record Settings(Path dataDir, int stations, double speed, int port, java.time.Instant origin,
                           java.time.ZoneId zone) {
    }

    /** Where to look once started. */
    public record Started(String consoleUrl, String wallUrl, String apiUrl, String user, String password,
                          List<String> stationScreens) {
    }

    public DemoMain(Vertx vertx, Settings settings) {
        this.vertx = vertx;
        this.settings = settings;
        this.clock = new AcceleratedClock(settings.origin(), settings.speed(), settings.zone());
        this.fifoWriter = vertx.createSharedWorkerExecutor("demo-scans", 2);
        // The demo's own blocking HTTP calls to central on their own thread: on a shared, ordered context queue
        // they would wait for central's work and central's work for them.
        this.apiCalls = vertx.createSharedWorkerExecutor("demo-api", 1);
    }

    public Future<Started> start() {
        return vertx.executeBlocking(() -> {
            folder = new DemoFolder(settings.dataDir());
            password = folder.adminPassword();
            broker.start();
            return centralConfig();
        }).compose(cfg -> vertx.executeBlocking(() -> {
            addAdmin(cfg);
            return cfg;
        })).compose(cfg -> {
            central = new CentralMain(vertx, clock);
            return central.start(cfg);
        }).compose(port -> {
            api = new CentralApi("http://127.0.0.1:" + port);
            return startStations().map(port);
        }).compose(port -> apiCalls.executeBlocking(() -> {
            api.login(ADMIN, password);
            return api.wallLink("demo " + java.time.LocalDate.now(clock));
        }, false).map(wallToken -> {
            startMembers();
            String base = "http://127.0.0.1:" + port;
            return new Started(base + "/console/", base + "/wall/" + wallToken, base + "/api", ADMIN, password,
                    stations.stream().map(s -> s.ref() + "  http://127.0.0.1:" + s.port() + "/").toList());
        }));
    }

    private CentralConfig centralConfig() throws java.io.IOException {
        return new CentralConfig("demo",
                new HttpConfig(HttpConfig.DEFAULT_HOST, settings.port(), false),
                new BrokerConfig(broker.url(), "demo-central", null, null, null),
                new DatabaseConfig("jdbc:sqlite:" + folder.centralDb(), null, null, 4, 90),
                new IngestConfig(IngestConfig.DEFAULT_BATCH, IngestConfig.DEFAULT_DELAY_MS,
                        IngestConfig.DEFAULT_MAX_PAYLOAD),
                fleet(), new UsageConfig(settings.zone()),
                new Secrets(folder.commandKey(), folder.badgeKey(), folder.memberDataKey(), folder.sessionSecret()),
                PhoneEntryConfig.DEFAULTS, null);
    }

    /**
     * Central reads presence, command lifetimes and sessions on the demo clock; stations send status every 10 real
     * seconds and answer commands within real milliseconds. So the status interval central expects grows with the
     * speed, and commands live the longest a station accepts (10 demo minutes: 10 real seconds at speed 60).
     */
    private FleetConfig fleet() {
        long status = Math.min(3600, Math.max(10, Math.round(10 * settings.speed())));
        return new FleetConfig(Duration.ofSeconds(status), Duration.ofMinutes(10), Duration.ofMinutes(10));
    }

    /** The demo admin, once per data folder (a restart on the same --data keeps it and its password). */
    private void addAdmin(CentralConfig cfg) throws Exception {
        try (Database db = Database.open(vertx, cfg.database())) {
            Users users = new Users(new Audit(clock), clock);
            Users.PasswordHash hash = users.hash(password.toCharArray()); // before the transaction: Argon2 is slow
            db.txBlocking(c -> {
                try {
                    users.add(c, ADMIN, Role.ADMIN, hash, "demo", "localhost");
                } catch (IllegalArgumentException exists) {
                    log.debug("Demo admin kept from an earlier run: {}", exists.getMessage());
                }
                return null;
            });
        }
    }

    /** A few at a time: each start opens a database and Pi4J context; all at once would only queue on 2 cores. */
    private Future<Void> startStations() {
        Future<Void> chain = Future.succeededFuture();
        for (int from = 0; from < settings.stations(); from += STARTING_AT_ONCE) {
            int start = from;
            chain = chain.compose(v -> {
                List<Future<DemoStation>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(start + STARTING_AT_ONCE, settings.stations()); i++) {
                    batch.add(startStation(i));
                }
                return Future.all(batch).mapEmpty();
            });
        }
        return chain.onSuccess(v -> log.info("{} demo stations started", stations.size()));
    }

    private Future<DemoStation> startStation(int i) {
        String site = SITES[i % SITES.length];
        String id = String.format("st-%03d", i + 1);
        return vertx.executeBlocking(() -> folder.stationConfig(site, id, broker.url(), 6, settings.speed()), false).compose(file -> {
            DemoStation s = new DemoStation(vertx, fifoWriter, file, site, id);
            synchronized (stations) {
                stations.add(s);
            }
            return s.start(clock);
        });
    }

    private void startMembers() {
        java.time.Instant now = clock.instant();
        List<Member> revoked = new ArrayList<>();
        for (int i = 0; i < stations.size(); i++) {
            DemoStation s = stations.get(i);
            Population people = new Population(s.site(), 10_001 + i * MEMBERS_PER_STATION, MEMBERS_PER_STATION,
                    badgeKey(), now, new SplittableRandom(i));
            Visits v = new Visits(vertx, clock, s, people, 1000L + i);
            visits.add(v);
            v.start();
            people.revoked().forEach(m -> revokeLater(s, m));
        }
    }

    private org.unionkiosk.protocol.SigningKey badgeKey() {
        try {
            return folder.badgeKey();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A revoked member's badge is revoked the way a union officer does it: a signed command through central. */
    private void revokeLater(DemoStation s, Member m) {
        vertx.setTimer(2_000, t -> apiCalls.executeBlocking(() -> api.command(s.site(), s.id(), "revoke",
                new JsonObject().put("badge", m.badgeId())), false).onFailure(e ->
                log.warn("Revoking {}'s badge at {} failed: {}", m.id(), s.ref(), e.getMessage())));
    }

    /** Members stop, stations stop (offline at central), then central and the broker. */
    public Future<Void> stop() {
        visits.forEach(Visits::stop);
        List<Future<Void>> stopping = new ArrayList<>();
        synchronized (stations) {
            stations.forEach(s -> stopping.add(s.stop().onFailure(e ->
                    log.warn("Station {} did not stop cleanly: {}", s.ref(), e.toString()))));
        }
        return Future.join(stopping).<Void>mapEmpty().otherwiseEmpty()
                .compose(v -> api == null ? Future.succeededFuture() : awaitOffline())
                .eventually(() -> central == null ? Future.succeededFuture() : central.stop())
                .eventually(() -> vertx.executeBlocking(() -> {
                    broker.stop();
                    return null;
                })).eventually(fifoWriter::close).eventually(apiCalls::close);
    }

    /** Until central's API shows no station online (the offline states are on their way through the broker). */
    private Future<Void> awaitOffline() {
        long deadline = System.nanoTime() + OFFLINE_WAIT.toNanos();
        return apiCalls.executeBlocking(() -> {
            api.login(ADMIN, password); // the session may have expired: it lives 12 demo hours
            while (System.nanoTime() < deadline) {
                long online = api.stations().stream().filter(o -> "online".equals(((JsonObject) o)
                        .getString("presence"))).count();
                if (online == 0) {
                    return null;
                }
                Thread.sleep(100);
            }
            log.warn("Some stations still show online at central after {} s", OFFLINE_WAIT.toSeconds());
            return null;
        }, false);
    }
}
