// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md claims to be the full reference: every key the loader reads must appear in one of its
 * tables. Keys are taken from the loader's source (the literal handed to a ConfigNode read or to a helper taking
 * the node), so a new key without a line in the reference fails here.
 */
class ConfigReferenceTest {
    private static final Path LOADER = Path.of("src/main/java/org/unionkiosk/station/config/ConfigLoader.java");
    private static final Path REFERENCE = Path.of("docs/configuration.md");
    private static final Pattern NODE_READ = Pattern.compile("\\.(?:string|requiredString|strings|integer|"
            + "optionalInteger|requiredInteger|bool|choice|time|child|children)\\(\"([A-Za-z][A-Za-z0-9]*)\"");
    private static final Pattern HELPER_READ = Pattern.compile("\\b\\w+\\(\\w+, \"([A-Za-z][A-Za-z0-9]*)\"");
    private static final Pattern KEY_CELL = Pattern.compile("^\\| (`[^|]*`) \\|", Pattern.MULTILINE);

    static Set<String> keysReadByTheLoader() throws IOException {
        // The loader and the sections it hands to their own readers (phone, power).
        String src = Files.readString(LOADER) + Files.readString(LOADER.resolveSibling("PhoneSection.java"))
                + Files.readString(LOADER.resolveSibling("PowerSection.java"));
        Set<String> keys = new TreeSet<>();
        for (Pattern p : new Pattern[] {NODE_READ, HELPER_READ}) {
            Matcher m = p.matcher(src);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /** Every name segment of the key paths in the reference tables' first column. */
    static Set<String> keysInTheReference() throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = KEY_CELL.matcher(Files.readString(REFERENCE));
        while (m.find()) {
            for (String part : m.group(1).split("[`.\\[\\]/ ]+")) {
                if (!part.isEmpty()) {
                    names.add(part);
                }
            }
        }
        return names;
    }

    @Test
    void everyKeyTheLoaderReadsIsInTheReference() throws IOException {
        Set<String> read = keysReadByTheLoader();

        assertThat(read).as("keys found in the loader").hasSizeGreaterThan(60)
                .contains("maxCodesPerSecond", "pulseMs", "url", "eventRetentionDays");
        assertThat(keysInTheReference()).as("docs/configuration.md lists every key").containsAll(read);
    }

    @Test
    void theSampleConfigsUseOnlyKeysTheLoaderKnows() throws IOException {
        Set<String> read = keysReadByTheLoader();
        for (String sample : new String[] {"firmware-config/kiosk.yaml", "firmware-config/kiosk.sim.yaml"}) {
            Matcher m = Pattern.compile("^\\s*-?\\s*([A-Za-z][A-Za-z0-9]*):", Pattern.MULTILINE)
                    .matcher(Files.readString(Path.of(sample)));
            while (m.find()) {
                assertThat(read).as(sample + " key " + m.group(1)).contains(m.group(1));
            }
        }
    }
}
