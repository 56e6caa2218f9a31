// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import org.unionkiosk.central.provisioning.ProvisioningConfig;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.SigningKey;

/**
 * Reads central.yaml into a {@link CentralConfig}. Collects every problem (type errors here, ranges from the
 * records' constructors, unreadable secret files), each with key path, value and fix, and throws them together
 * before any socket opens. Relative paths are resolved against the config file's folder.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigLoader() {
    }

    public static CentralConfig load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(List.of(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read (" + e.getMessage()
                    + "): pass an existing file with -c or UNION_KIOSK_CENTRAL_CONFIG"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(List.of(file + ": is empty: start from firmware-config/central.yaml"));
        }
        return parse(root, file.toAbsolutePath().getParent());
    }

    static CentralConfig parse(JsonNode rootNode, Path base) {
        List<String> problems = new ArrayList<>();
        Section root = new Section(rootNode, "", problems);
        String instance = root.string("instance", CentralConfig.DEFAULT_INSTANCE);

        Section h = root.child("http");
        HttpConfig http = build(problems, h, () -> new HttpConfig(h.string("host", HttpConfig.DEFAULT_HOST),
                h.integer("port", HttpConfig.DEFAULT_PORT), h.bool("secureCookies", true)));

        Section m = root.child("mqtt");
        String url = m.string("url", null);
        if (url == null) {
            m.problem("url", "is required: the broker, e.g. tcp://127.0.0.1:1883");
        }
        String clientId = m.string("clientId", "union-kiosk-" + instance);
        String group = m.string("group", BrokerConfig.DEFAULT_GROUP);
        String user = m.string("username", null);
        char[] brokerPassword = secretText(m, "passwordFile", base);
        BrokerConfig broker = url == null ? null
                : build(problems, m, () -> new BrokerConfig(url, clientId, group, user, brokerPassword));

        Section d = root.child("database");
        String dbUrl = jdbcUrl(d.string("url", "jdbc:sqlite:central.db"), base);
        String dbUser = d.string("username", null);
        char[] dbPassword = secretText(d, "passwordFile", base);
        int pool = d.integer("poolSize", DatabaseConfig.DEFAULT_POOL);
        int retention = d.integer("retentionDays", DatabaseConfig.DEFAULT_RETENTION_DAYS);
        DatabaseConfig database = build(problems, d, () -> new DatabaseConfig(dbUrl, dbUser, dbPassword, pool,
                retention));

        Section i = root.child("ingest");
        IngestConfig ingest = build(problems, i, () -> new IngestConfig(i.integer("batchSize",
                IngestConfig.DEFAULT_BATCH), i.integer("batchDelayMs", IngestConfig.DEFAULT_DELAY_MS),
                i.integer("maxPayloadBytes", IngestConfig.DEFAULT_MAX_PAYLOAD)));

        Section f = root.child("fleet");
        FleetConfig fleet = build(problems, f, () -> new FleetConfig(
                Duration.ofSeconds(f.integer("statusIntervalSeconds", FleetConfig.DEFAULT_STATUS_SECONDS)),
                Duration.ofSeconds(f.integer("commandTtlSeconds", FleetConfig.DEFAULT_TTL_SECONDS)),
                Duration.ofSeconds(f.integer("answerTimeoutSeconds", FleetConfig.DEFAULT_ANSWER_SECONDS))));

        Section u = root.child("usage");
        String zoneName = u.string("timeZone", java.time.ZoneId.systemDefault().getId());
        java.time.ZoneId zone = null;
        try {
            zone = java.time.ZoneId.of(zoneName);
        } catch (java.time.DateTimeException e) {
            u.problem("timeZone", "must be a region id such as Asia/Shanghai, was '" + zoneName + "'");
        }
        java.time.ZoneId z = zone;
        UsageConfig usage = z == null ? null : build(problems, u, () -> new UsageConfig(z));

        Section s = root.child("secrets");
        SigningKey commandKey = signingKey(s, "commandKeyFile", base);
        SigningKey badgeKey = signingKey(s, "badgeKeyFile", base);
        byte[] memberKey = secretBytes(s, "memberDataKeyFile", base);
        byte[] sessionSecret = secretBytes(s, "sessionSecretFile", base);
        Secrets secrets = build(problems, s, () -> new Secrets(commandKey, badgeKey, memberKey, sessionSecret));

        Section ph = root.child("phone");
        Path keysDir = ph.has("stationKeysDir") ? base.resolve(ph.string("stationKeysDir", ".")) : null;
        if (keysDir != null && !java.nio.file.Files.isDirectory(keysDir)) {
            ph.problem("stationKeysDir", "'" + keysDir + "' is not a directory: create it and put each station's "
                    + "SITE+STATION.pub there");
        }
        PhoneEntryConfig phone = build(problems, ph, () -> new PhoneEntryConfig(keysDir,
                Duration.ofSeconds(ph.integer("answerWaitSeconds", PhoneEntryConfig.DEFAULT_ANSWER_WAIT_SECONDS)),
                ph.integer("visitRetentionDays", PhoneEntryConfig.DEFAULT_VISIT_RETENTION_DAYS)));
        ProvisioningConfig provisioning = root.has("provisioning")
                ? provisioning(problems, root.child("provisioning"), base, url) : null;
        root.rejectUnknownKeys();

        CentralConfig[] cfg = {null};
        if (problems.isEmpty()) {
            cfg[0] = build(problems, root, () -> new CentralConfig(instance, http, broker, database, ingest, fleet,
                    usage, secrets, phone, provisioning));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return cfg[0];
    }

    /** The provisioning section (docs/provisioning.md); the stations' broker URL defaults to central's own. */
    private static ProvisioningConfig provisioning(List<String> problems, Section p, Path base, String brokerUrl) {
        String publicUrl = p.string("publicUrl", null);
        URI uri = null;
        if (publicUrl == null) {
            p.problem("publicUrl", "is required: central's https:// URL as the stations reach it");
        } else {
            try {
                uri = new URI(publicUrl);
            } catch (URISyntaxException e) {
                p.problem("publicUrl", "is not a URL (" + e.getReason() + "), was '" + publicUrl + "'");
            }
        }
        String stationBroker = p.string("stationBrokerUrl", brokerUrl);
        String pw = p.string("brokerPasswordFile", null);
        String acl = p.string("brokerAclFile", null);
        String reload = p.string("reloadCommand", "");
        Path caFile = file(p, "brokerCaFile", base);
        String caPem = null;
        try {
            caPem = caFile == null ? null : Files.readString(caFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            p.problem("brokerCaFile", "cannot read '" + caFile + "': " + e.getMessage());
        }
        int minutes = p.integer("claimMinutes", (int) ProvisioningConfig.DEFAULT_TTL.toMinutes());
        URI u = uri;
        String ca = caPem;
        return u == null ? null : build(problems, p, () -> new ProvisioningConfig(u, stationBroker,
                pw == null ? null : base.resolve(pw), acl == null ? null : base.resolve(acl),
                reload.isBlank() ? List.of() : List.of(reload.strip().split("\\s+")), ca,
                Duration.ofMinutes(minutes)));
    }

    /** Builds a record after the section's reads; its own problems are added with the section's key path. */
    private static <T> T build(List<String> problems, Section section, Supplier<T> record) {
        try {
            T value = record.get();
            section.rejectUnknownKeys();
            return value;
        } catch (ConfigException e) {
            section.rejectUnknownKeys();
            for (String p : e.problems()) {
                problems.add(section.path.isEmpty() ? p : section.path + "." + p);
            }
            return null;
        }
    }

    private static String jdbcUrl(String url, Path base) {
        if (url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:sqlite::memory:")) {
            String file = url.substring("jdbc:sqlite:".length());
            return "jdbc:sqlite:" + base.resolve(file).toAbsolutePath();
        }
        return url;
    }

    private static Path file(Section s, String key, Path base) {
        String name = s.string(key, null);
        if (name == null) {
            return null;
        }
        Path p = base.resolve(name);
        if (!Files.isReadable(p)) {
            s.problem(key, "cannot read '" + p + "': create the file or fix the path (relative to the config "
                    + "file's folder)");
            return null;
        }
        return p;
    }

    private static char[] secretText(Section s, String key, Path base) {
        Path p = file(s, key, base);
        try {
            return p == null ? null : Files.readString(p, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            s.problem(key, "cannot read '" + p + "': " + e.getMessage());
            return null;
        }
    }

    private static byte[] secretBytes(Section s, String key, Path base) {
        char[] text = secretText(s, key, base);
        if (text == null) {
            if (!s.has(key)) {
                s.problem(key, "is required: a file holding 32 random bytes in Base64 "
                        + "(head -c 32 /dev/urandom | base64 > FILE)");
            }
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(new String(text));
        } catch (IllegalArgumentException e) {
            s.problem(key, "file is not Base64: write it with head -c 32 /dev/urandom | base64 > FILE");
            return null;
        }
    }

    private static SigningKey signingKey(Section s, String key, Path base) {
        boolean named = s.has(key);
        Path p = file(s, key, base);
        if (p == null) {
            if (!named) {
                s.problem(key, "is required: an Ed25519 private key (union-kiosk badge keygen writes one)");
            }
            return null;
        }
        try {
            return KeyFiles.readPrivate(p);
        } catch (IOException | IllegalArgumentException e) {
            s.problem(key, "'" + p + "' is not an Ed25519 private key PEM (" + e.getMessage()
                    + "): write one with union-kiosk badge keygen");
            return null;
        }
    }
}
