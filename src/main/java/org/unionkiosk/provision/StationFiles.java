// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.unionkiosk.station.config.ConfigException;
import org.unionkiosk.station.config.ConfigLoader;

/**
 * Writes what an enrolment gives into the station's config folder: the trusted keys, the broker password and CA,
 * and kiosk.yaml — the file already there (the wiring the technician chose) overlaid with central's config and the
 * station's identity. Every file is written beside its target and moved over it, so a power cut leaves the old or
 * the new file, never half of one; kiosk.yaml is moved only after it loads with the station's own ConfigLoader.
 */
final class StationFiles {
    static final String SERVICE_GROUP = "union-kiosk";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Path configDir;
    private final Path dataDir;

    StationFiles(Path configDir, Path dataDir) {
        this.configDir = configDir;
        this.dataDir = dataDir;
    }

    Path kioskYaml() {
        return configDir.resolve("kiosk.yaml");
    }

    /** Writes keys, password and CA; then kiosk.yaml, checked. Safe to repeat. */
    void write(Enrolment e, Instant now) throws IOException {
        Files.createDirectories(configDir.resolve("keys"));
        ArrayNode badgeKeys = YAML.createArrayNode();
        for (int i = 0; i < e.badgeKeys().size(); i++) {
            String name = "keys/union-" + (i + 1) + ".pub";
            atomicWrite(configDir.resolve(name), e.badgeKeys().get(i), false);
            badgeKeys.add(name);
        }
        ArrayNode commandKeys = YAML.createArrayNode();
        for (int i = 0; i < e.commandKeys().size(); i++) {
            String name = "keys/central-" + (i + 1) + ".pub";
            atomicWrite(configDir.resolve(name), e.commandKeys().get(i), false);
            commandKeys.add(name);
        }
        atomicWrite(configDir.resolve("mqtt.password"), e.brokerPassword() + "\n", true);
        if (e.brokerCaPem() != null) {
            atomicWrite(configDir.resolve("broker-ca.crt"), e.brokerCaPem(), false);
        }

        ObjectNode root = base(e);
        ObjectNode station = root.withObject("/station");
        station.put("site", e.site()).put("id", e.station()).put("dataDir", dataDir.toAbsolutePath().toString());
        root.withObject("/access").set("trustedKeys", badgeKeys);
        ObjectNode mqtt = root.withObject("/mqtt");
        mqtt.remove(java.util.List.of("clientId", "certFile", "keyFile", "caFile"));
        mqtt.put("url", e.brokerUrl()).put("username", e.brokerUsername()).put("passwordFile", "mqtt.password");
        mqtt.set("commandKeys", commandKeys);
        if (e.brokerCaPem() != null) {
            mqtt.put("caFile", "broker-ca.crt");
        }
        String text = "# Written by 'union-kiosk provision' at " + now + " for " + e.ref() + " (identity "
                + e.identity() + "). The file before provisioning is kiosk.yaml.orig.\n"
                + YAML.writeValueAsString(root);
        Path candidate = configDir.resolve("kiosk.yaml.new");
        Files.writeString(candidate, text, StandardCharsets.UTF_8);
        try {
            ConfigLoader.load(candidate);
        } catch (ConfigException ce) {
            throw new ProvisionException("the station config made from " + kioskYaml() + " and central's does not "
                    + "load; fix these keys in " + kioskYaml() + " (or in the claim's config) and run provision "
                    + "again:\n  " + String.join("\n  ", ce.problems()), ConfigException.EXIT_CONFIG);
        }
        Path orig = configDir.resolve("kiosk.yaml.orig");
        if (Files.exists(kioskYaml()) && !Files.exists(orig)) {
            Files.copy(kioskYaml(), orig);
        }
        shareWithService(candidate, false);
        Files.move(candidate, kioskYaml(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The file there now (the package's, a sample, an earlier provisioning's), overlaid with the claim's config. */
    private ObjectNode base(Enrolment e) throws IOException {
        Path from = kioskYaml();
        ObjectNode root;
        if (Files.exists(from)) {
            JsonNode n = YAML.readTree(from.toFile());
            root = n instanceof ObjectNode o ? o : YAML.createObjectNode();
        } else if (e.config() != null) {
            root = YAML.createObjectNode();
        } else {
            throw new ProvisionException("there is no " + kioskYaml() + " to start from: copy the sample matching "
                    + "the wiring there first (docs/install.md, step 6), then run provision again",
                    ConfigException.EXIT_CONFIG);
        }
        if (e.config() != null) {
            merge(root, e.config());
        }
        return root;
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getValue() instanceof ObjectNode o && into.get(f.getKey()) instanceof ObjectNode target) {
                merge(target, o);
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }

    /** Writes {@code text} beside {@code file} and moves it over, readable by the service's group only if secret. */
    static void atomicWrite(Path file, String text, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        shareWithService(tmp, secret);
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Mode 640 (secret) or 644, group union-kiosk when that group exists (on a station, as root). */
    static void shareWithService(Path file, boolean secret) throws IOException {
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (v == null) {
            return;
        }
        v.setPermissions(PosixFilePermissions.fromString(secret ? "rw-r-----" : "rw-r--r--"));
        try {
            GroupPrincipal g = file.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(SERVICE_GROUP);
            v.setGroup(g);
        } catch (IOException noSuchGroupOrNotRoot) {
            // Not on an installed station (tests, a developer's machine): the owner's group stays.
        }
    }
}
