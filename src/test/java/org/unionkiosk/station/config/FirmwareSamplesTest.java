// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.KeyFiles;

/**
 * Every station sample in firmware-config/ loads with the station's own loader, as it would on a Pi: the files it
 * names (keys, password, CA) are put beside it as provisioning puts them, and only the data folder and the HTTP
 * port are moved into the sandbox, since this machine is not the station.
 */
class FirmwareSamplesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("firmware-config"))) {
            List<Path> found = files.filter(p -> p.getFileName().toString().matches("kiosk.*\\.yaml")).sorted()
                    .toList();
            assertThat(found).hasSizeGreaterThanOrEqualTo(5);
            return found.stream();
        }
    }

    private StationConfig load(Path sample) throws IOException {
        ObjectNode root = (ObjectNode) YAML.readTree(sample.toFile());
        Path base = dir.resolve(sample.getFileName().toString()).resolve("etc/union-kiosk");
        Files.createDirectories(base);
        for (JsonNode key : iterable(root.at("/access/trustedKeys"), root.at("/mqtt/commandKeys"))) {
            Path f = base.resolve(key.asText());
            Files.createDirectories(f.getParent());
            KeyFiles.writePublic(f, Badges.newKey().publicKey());
        }
        for (String secret : List.of("/mqtt/passwordFile", "/mqtt/caFile")) {
            if (!root.at(secret).isMissingNode()) {
                Files.writeString(base.resolve(root.at(secret).asText()), "placed by provisioning\n");
            }
        }
        ((ObjectNode) root.get("station")).put("dataDir", base.resolveSibling("data").toString());
        ((ObjectNode) root.get("http")).put("port", 0);
        return ConfigLoader.parse(root, base);
    }

    private static List<JsonNode> iterable(JsonNode... arrays) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : arrays) {
            a.forEach(out::add);
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleLoadsWithTheStationsLoader(Path sample) throws IOException {
        StationConfig c = load(sample);

        assertThat(c.door()).isNotNull();
        assertThat(c.scanners()).isNotEmpty();
        boolean simulation = sample.getFileName().toString().equals("kiosk.sim.yaml");
        assertThat(c.platform()).isEqualTo(simulation ? Platform.MOCK : Platform.GPIOD);
        if (c.mqtt() != null) {
            assertThat(c.mqtt().username()).as("the broker ACL confines a station by SITE/STATION")
                    .isEqualTo(c.stationRef());
            assertThat(c.mqtt().tls()).isTrue();
        }
    }

    @Test
    void samplesCoverEveryHardwareVariant() throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path sample : samples().toList()) {
            StationConfig c = load(sample);
            c.scanners().forEach(s -> seen.add("scanner:" + s.type()));
            if (c.lockers() != null) {
                c.lockers().banks().forEach(b -> seen.add("lockers:" + b.type()));
            }
            String name = sample.getFileName().toString();
            seen.add(name.contains("pi4") ? "pi4" : name.contains("pi5") ? "pi5" : "any");
        }
        assertThat(seen).contains("pi4", "pi5", "lockers:mcp23017", "lockers:rs485", "scanner:serial",
                "scanner:hid", "scanner:camera");
    }
}
