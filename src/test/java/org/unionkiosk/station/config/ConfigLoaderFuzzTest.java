// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.Mutations;
import org.unionkiosk.station.StationConfigs;

/**
 * Mutated station configs (the shipped samples and the test station's): the loader returns a config or throws a
 * {@link ConfigException} listing problems, never another exception. Every mutant keeps {@code station.dataDir}
 * and {@code http.host} pinned inside the test directory and on loopback, so a fuzz run creates no directory
 * elsewhere and looks up no host name; everything else may change.
 */
class ConfigLoaderFuzzTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static Path dir;
    private static List<JsonNode> samples;
    private static List<String> sampleTexts;

    @BeforeContainer
    static void samples() throws IOException {
        dir = Files.createTempDirectory("config-fuzz");
        Path cfg = StationConfigs.write(dir, Badges.newKey(), 0, StationConfigs.ACCESS);
        Files.createDirectories(dir.resolve("sim/keys"));
        Files.copy(dir.resolve("keys/union.pub"), dir.resolve("sim/keys/union.pub"));
        List<Path> files = new ArrayList<>(List.of(cfg));
        try (Stream<Path> s = Files.list(Path.of("firmware-config"))) {
            s.filter(p -> p.toString().endsWith(".yaml") && p.getFileName().toString().startsWith("kiosk"))
                    .sorted().forEach(files::add);
        }
        samples = new ArrayList<>();
        sampleTexts = new ArrayList<>();
        for (Path f : files) {
            samples.add(YAML.readTree(f.toFile()));
            sampleTexts.add(Files.readString(f));
        }
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property(seed = "7301")
    void mutatedTreesGiveAConfigOrTheListOfProblems(@ForAll("mutatedTrees") JsonNode tree) {
        Throwable t = catchThrowable(() -> ConfigLoader.parse(tree, dir));
        Statistics.label("outcome").collect(t == null ? "config" : "problems");

        if (t != null) {
            assertThat(t).isInstanceOf(ConfigException.class);
            assertThat(((ConfigException) t).problems()).isNotEmpty().allSatisfy(p -> assertThat(p).contains(": "));
        }
    }

    @Property(seed = "7302")
    void mutatedFilesGiveAConfigOrTheListOfProblems(@ForAll("mutatedTexts") String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "kiosk", ".yaml");
        try {
            Files.writeString(f, yaml);
            Throwable t = catchThrowable(() -> ConfigLoader.load(f));
            Statistics.label("outcome").collect(t == null ? "config" : "problems");

            if (t != null) {
                assertThat(t).isInstanceOf(ConfigException.class);
                assertThat(((ConfigException) t).problems()).isNotEmpty();
            }
        } finally {
            Files.delete(f);
        }
    }

    /** Found by the fuzz profile (seed 7301): a NUL in a file name made Path.of throw InvalidPathException. */
    @Example
    void aNulCharacterInAPathIsAProblemNamingTheKey() {
        ObjectNode root = (ObjectNode) samples.get(0).deepCopy();
        ((ArrayNode) root.get("access").get("trustedKeys")).set(0, F.textNode("keys/union\u0000.pub"));
        ((ObjectNode) root.get("scanners").get(0)).put("device", "scan\u0000.fifo");

        Throwable t = catchThrowable(() -> ConfigLoader.parse(pin(root), dir));

        assertThat(t).isInstanceOf(ConfigException.class);
        assertThat(((ConfigException) t).problems()).anySatisfy(p -> assertThat(p)
                .startsWith("access.trustedKeys: must not contain a NUL character"))
                .anySatisfy(p -> assertThat(p).startsWith("scanners[0].device: must not contain a NUL character"));
    }

    @Provide
    Arbitrary<JsonNode> mutatedTrees() {
        return Arbitraries.integers().between(0, samples.size() - 1).flatMap(i -> Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            ObjectNode root = (ObjectNode) samples.get(i).deepCopy();
            for (int n = 1 + r.nextInt(4); n > 0; n--) {
                mutate(root, r);
            }
            return pin(root);
        }));
    }

    @Provide
    Arbitrary<String> mutatedTexts() {
        // Mutate the text after a fixed head, so the pinned dataDir and host survive every edit.
        return Arbitraries.integers().between(0, sampleTexts.size() - 1).flatMap(i -> {
            String tail = body(sampleTexts.get(i));
            return Mutations.bytes(tail.getBytes(StandardCharsets.UTF_8)).map(b -> """
                    station:
                      site: fuzz-site
                      id: st-1
                      dataDir: data
                    http:
                      host: 127.0.0.1
                      port: 0
                    """ + new String(b, StandardCharsets.UTF_8));
        });
    }

    /** The sample without its station and http sections (the fuzz head replaces them). */
    private static String body(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean skip = false;
        for (String line : yaml.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("#")) {
                skip = line.startsWith("station:") || line.startsWith("http:");
            }
            if (!skip) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static JsonNode pin(ObjectNode root) {
        JsonNode station = root.get("station");
        ObjectNode s = station instanceof ObjectNode o ? o : root.putObject("station");
        s.put("dataDir", "data");
        if (root.get("http") instanceof ObjectNode http) {
            http.put("host", "127.0.0.1");
            if (http.path("port").canConvertToInt()) {
                http.put("port", 0);
            }
        }
        return root;
    }

    /** One edit at a random place in the tree: replace a value, remove a key or element, or add an unknown key. */
    private static void mutate(ObjectNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(r.nextInt(containers.size()));
        if (target instanceof ObjectNode o && o.size() > 0) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            String name = names.get(r.nextInt(names.size()));
            switch (r.nextInt(4)) {
                case 0 -> o.remove(name);
                case 1 -> o.set(randomKey(r), randomValue(r, 2));
                default -> o.set(name, randomValue(r, 2));
            }
        } else if (target instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            switch (r.nextInt(3)) {
                case 0 -> a.remove(i);
                case 1 -> a.add(a.get(i).deepCopy());
                default -> a.set(i, randomValue(r, 2));
            }
        }
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    private static String randomKey(Random r) {
        String[] keys = {"bcm", "activeLow", "id", "device", "type", "role", "lock", "closed", "address", "site",
            "port", "trustedKeys", "layout", "terminator", "unlockMs", "x", ""};
        return keys[r.nextInt(keys.length)];
    }

    private static JsonNode randomValue(Random r, int depth) {
        int k = r.nextInt(depth > 0 ? 16 : 13);
        return switch (k) {
            case 0 -> F.nullNode();
            case 1 -> F.booleanNode(r.nextBoolean());
            case 2 -> F.numberNode(r.nextInt());
            case 3 -> F.numberNode(r.nextInt(70) - 5);
            case 4 -> F.numberNode(r.nextLong());
            case 5 -> F.numberNode(r.nextDouble() * 1e6);
            case 6 -> F.numberNode(new java.math.BigInteger(100, r));
            case 7 -> F.textNode("");
            case 8 -> F.textNode(randomText(r));
            case 9 -> F.textNode(String.valueOf(r.nextInt(100)));
            case 10 -> F.textNode(new String[] {"mock", "gpiod", "serial", "hid", "camera", "entry", "exit", "locker",
                "fail-safe", "fail-secure", "us", "de", "auto", "rs485", "mcp23017", "06:00", "25:61", "zh-CN"}[
                r.nextInt(18)]);
            case 11 -> F.arrayNode();
            case 12 -> F.objectNode();
            case 13 -> {
                ArrayNode a = F.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(randomValue(r, depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = F.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(randomKey(r), randomValue(r, depth - 1));
                }
                yield o;
            }
        };
    }

    private static String randomText(Random r) {
        StringBuilder s = new StringBuilder();
        String alphabet = "abcXYZ019-_./: \t\u00e9\u4e2d\u0000\\'\"#{}[]";
        for (int i = r.nextInt(20); i > 0; i--) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
