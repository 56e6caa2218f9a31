// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/**
 * The demo's data folder: keys (made on first use, kept after), central's database, the admin password and one
 * folder per station with its kiosk.yaml, database and scanner FIFOs. Blocking file I/O: call off the event loop.
 */
final class DemoFolder {
    /** Locker lock/door pins on the Pi header, clear of the door's pins (17 27 22 23 24 5 6 13) and I2C/UART. */
    private static final int[][] LOCKER_PINS = {{4, 12}, {16, 18}, {19, 20}, {21, 25}, {26, 7}, {8, 9}};
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path root;

    DemoFolder(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        Files.createDirectories(this.root.resolve("keys"));
        Files.createDirectories(this.root.resolve("stations"));
    }

    Path root() {
        return root;
    }

    Path centralDb() {
        return root.resolve("central.db");
    }

    SigningKey badgeKey() throws IOException {
        return key("badge");
    }

    SigningKey commandKey() throws IOException {
        return key("command");
    }

    private SigningKey key(String name) throws IOException {
        Path priv = root.resolve("keys/" + name + ".key");
        Path pub = root.resolve("keys/" + name + ".pub");
        if (!Files.exists(priv)) {
            SigningKey k = SigningKey.generate(RANDOM);
            KeyFiles.writePrivate(priv, k);
            KeyFiles.writePublic(pub, k.publicKey());
        }
        return KeyFiles.readPrivate(priv);
    }

    /** The admin's password: made once per folder, so a demo restarted on --data logs in the same way. */
    String adminPassword() throws IOException {
        return secret("admin-password", () -> {
            byte[] b = new byte[9];
            RANDOM.nextBytes(b);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        });
    }

    byte[] sessionSecret() throws IOException {
        return Base64.getDecoder().decode(secret("session-secret", () -> random32()));
    }

    byte[] memberDataKey() throws IOException {
        return Base64.getDecoder().decode(secret("member-data-key", () -> random32()));
    }

    private static String random32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private String secret(String name, java.util.function.Supplier<String> make) throws IOException {
        Path f = root.resolve("keys/" + name);
        if (!Files.exists(f)) {
            Files.writeString(f, make.get() + "\n", StandardCharsets.US_ASCII);
        }
        return Files.readString(f, StandardCharsets.US_ASCII).trim();
    }

    /** Real seconds as demo seconds at this speed, within the key's range. */
    private static long scaled(int realSeconds, double speed, int min, int max) {
        return Math.max(min, Math.min(max, Math.round(realSeconds * speed)));
    }

    /**
     * Writes the station's kiosk.yaml (rewritten each start: the broker port changes) and returns its path. The
     * station is an ordinary mock-platform station: the same file runs under {@code union-kiosk run}.
     */
    Path stationConfig(String site, String id, String brokerUrl, int lockers, double speed) throws IOException {
        Path dir = root.resolve("stations/" + site + "/" + id);
        Files.createDirectories(dir);
        StringBuilder lockerYaml = new StringBuilder();
        for (int i = 0; i < lockers && i < LOCKER_PINS.length; i++) {
            lockerYaml.append("        - {id: \"").append(i + 1).append("\", size: ").append(i < 4 ? 1 : 2)
                    .append(", lock: ").append(LOCKER_PINS[i][0]).append(", closed: ").append(LOCKER_PINS[i][1])
                    .append("}\n");
        }
        String yaml = """
                # Written by `union-kiosk demo` at each start; a simulated station on Pi4J's mock platform.
                station: {site: %s, id: %s, dataDir: .}
                hardware: {platform: mock}
                door:
                  lock: {bcm: 17}
                  lockType: fail-secure
                  contact: {bcm: 27}
                  exitButton: {bcm: 22, activeLow: true}
                  tamper: {bcm: 23, activeLow: true}
                  fireAlarm: {bcm: 24, activeLow: true}
                  greenLed: {bcm: 5}
                  redLed: {bcm: 6}
                  buzzer: {bcm: 13}
                  unlockMs: 4000
                  exitUnlockMs: 4000
                  heldOpenSeconds: 12
                access:
                  trustedKeys: [../../../keys/badge.pub]
                  requireClockSync: false
                  capacity: 12
                occupancy: {dailyResetAt: "04:00"}
                scanners:
                  - {id: entry, type: serial, role: entry, device: entry.fifo}
                  - {id: locker, type: serial, role: locker, device: locker.fifo}
                lockers:
                  # Read on the demo clock, so scaled by the speed to stay a person's seconds.
                  leftOpenSeconds: %d
                  releaseScanSeconds: %d
                  releaseWindowSeconds: %d
                  banks:
                    - id: a
                      type: gpio
                      lockers:
                %s
                mqtt:
                  url: %s
                  commandKeys: [../../../keys/command.pub]
                  statusIntervalSeconds: 10
                http: {host: 127.0.0.1, port: 0}
                screen: {language: zh-CN}
                """.formatted(site, id, scaled(20, speed, 10, 3600), scaled(15, speed, 2, 120), scaled(60, speed, 5, 600),
                lockerYaml.toString().stripTrailing(), brokerUrl);
        Path file = dir.resolve("kiosk.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }
}
