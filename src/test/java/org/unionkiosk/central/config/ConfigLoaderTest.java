// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.central.CentralFiles;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheMinimalConfigWithTheRecordsDefaults() throws Exception {
        CentralFiles files = new CentralFiles(dir);

        CentralConfig cfg = ConfigLoader.load(files.config("central-1", "tcp://127.0.0.1:1883", "jdbc:sqlite:c.db",
                ""));

        assertThat(cfg.instance()).isEqualTo("central-1");
        assertThat(cfg.broker().clientId()).isEqualTo("union-kiosk-central-1");
        assertThat(cfg.database().url()).isEqualTo("jdbc:sqlite:" + dir.resolve("c.db").toAbsolutePath());
        assertThat(cfg.database().retentionDays()).isEqualTo(DatabaseConfig.DEFAULT_RETENTION_DAYS);
        assertThat(cfg.ingest().batchSize()).isEqualTo(IngestConfig.DEFAULT_BATCH);
        assertThat(cfg.fleet().staleAfter().toSeconds()).isEqualTo(180);
        assertThat(cfg.secrets().commandKey().publicKey().kidHex())
                .isEqualTo(files.commandKey.publicKey().kidHex());
        assertThat(cfg.secrets().toString()).doesNotContain(new String(cfg.secrets().sessionSecret()));
    }

    @Test
    void reportsEveryProblemAtOnceWithKeyValueAndFix() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), """
                instance: Central One
                http: {port: 70000, colour: blue}
                mqtt: {url: 'mqtt://x', group: 'a b'}
                database: {url: 'jdbc:mysql://x', retentionDays: 0}
                ingest: {batchSize: 'many'}
                fleet: {commandTtlSeconds: 3600}
                secrets: {commandKeyFile: missing.key}
                """);

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("bad.yaml")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).contains(
                        "http.port: must be a whole number 0..65535, was 70000",
                        "http.colour: unknown key (check its spelling against docs/central.md)",
                        "mqtt.url: must be tcp://HOST:PORT or ssl://HOST:PORT, was 'mqtt://x'",
                        "mqtt.group: must be 1..32 letters, digits, '_' or '-', was 'a b'",
                        "database.url: must be jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DB, was "
                                + "'jdbc:mysql://x'",
                        "database.retentionDays: must be a whole number 1..3650, was 0",
                        "ingest.batchSize: must be a whole number, was \"many\"",
                        "fleet.commandTtlSeconds: must be a whole number 5..600, was 3600")
                        .anyMatch(p -> p.startsWith("secrets.commandKeyFile: cannot read"))
                        .anyMatch(p -> p.startsWith("secrets.badgeKeyFile: is required"))
                        .anyMatch(p -> p.startsWith("secrets.sessionSecretFile: is required")));
    }

    @Test
    void refusesAnEmptyFileNamingTheSample() throws Exception {
        Files.writeString(dir.resolve("empty.yaml"), "");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("empty.yaml")))
                .hasMessageContaining("firmware-config/central.yaml");
    }
}
