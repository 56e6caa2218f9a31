// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Consumer;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.ProvisioningCode;
import org.unionkiosk.protocol.SigningKey;

/**
 * Provisions this station with a claim, in steps that each leave a file behind, so a rerun after a power cut
 * resumes where the cut came: the key pair ({@code station.key}), central's answer ({@code enrolment.json}, until
 * the files are written), the station's files, then the {@code provisioned} marker the service waits for. The
 * same claim again on a provisioned station changes nothing; a new claim re-provisions with a fresh key pair, and
 * central retires the old identity.
 */
public final class Provisioner {
    public static final String MARKER = "provisioned";
    static final String STATE = "provisioning.json";
    static final String ANSWER = "enrolment.json";
    static final String KEY = "station.key";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How it ended. */
    public enum Outcome { PROVISIONED, ALREADY_PROVISIONED }

    private final Path configDir;
    private final Path dataDir;
    private final String serial;
    private final Consumer<String> progress;
    private final Clock clock;
    private final EnrolmentClient client = new EnrolmentClient();

    public Provisioner(Path configDir, Path dataDir, String serial, Consumer<String> progress, Clock clock) {
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.serial = serial == null ? PiSerial.read(Path.of("/")) : serial;
        this.progress = progress;
        this.clock = clock;
    }

    /** The station ref this data folder is provisioned as, or null. */
    public static String provisionedAs(Path dataDir) {
        try {
            JsonNode n = JSON.readTree(dataDir.resolve(MARKER).toFile());
            return n.path("station").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    public Outcome run(ProvisioningCode code) {
        try {
            return steps(code);
        } catch (IOException e) {
            throw new ProvisionException("cannot write the station's files (" + e + "): run as root (sudo), check "
                    + "the disk, then run provision again (it resumes)");
        }
    }

    private Outcome steps(ProvisioningCode code) throws IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(configDir);
        String hash = code.hash();
        JsonNode marker = readJson(dataDir.resolve(MARKER));
        if (marker != null && hash.equals(marker.path("claim").asText())) {
            progress.accept("Already provisioned as " + marker.path("station").asText() + " with this claim: "
                    + "nothing to do.");
            return Outcome.ALREADY_PROVISIONED;
        }
        JsonNode state = readJson(dataDir.resolve(STATE));
        boolean resuming = state != null && hash.equals(state.path("claim").asText());

        progress.accept("[1/4] Station key pair");
        Path keyFile = configDir.resolve(KEY);
        if (!resuming) {
            // A new claim: a new identity. A key from an earlier provisioning (or an unfinished one) is set aside.
            if (Files.exists(keyFile)) {
                Files.move(keyFile, keyFile.resolveSibling(KEY + ".retired-" + clock.millis()),
                        StandardCopyOption.ATOMIC_MOVE);
                progress.accept("      the earlier key is set aside; central retires that identity on enrolment");
            }
            Files.deleteIfExists(dataDir.resolve(MARKER));
            Files.deleteIfExists(dataDir.resolve(ANSWER));
            StationFiles.atomicWrite(dataDir.resolve(STATE), JSON.createObjectNode().put("claim", hash)
                    .put("central", code.central().toString()).toString(), true);
        }
        SigningKey key;
        if (Files.exists(keyFile)) {
            key = KeyFiles.readPrivate(keyFile);
            progress.accept("      resuming with key " + key.publicKey().kidHex());
        } else {
            key = SigningKey.generate(new SecureRandom());
            Path tmp = keyFile.resolveSibling(KEY + ".new");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp);
            StationFiles.shareWithService(tmp, true);
            KeyFiles.writePrivate(tmp, key);
            Files.move(tmp, keyFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            progress.accept("      new key " + key.publicKey().kidHex() + " in " + keyFile);
        }

        progress.accept("[2/4] Enrolling with central at " + code.central() + " (serial " + serial + ")");
        Path answerFile = dataDir.resolve(ANSWER);
        JsonNode answer = readJson(answerFile);
        if (answer == null) {
            answer = client.enrol(code, key.publicKey(), serial);
            StationFiles.atomicWrite(answerFile, answer.toString(), true);
        } else {
            progress.accept("      central's answer was already received");
        }
        Enrolment e = Enrolment.from(answer);
        progress.accept("      enrolled as " + e.ref() + (e.retiredPrevious() ? " (its earlier identity is retired)"
                : ""));

        progress.accept("[3/4] Writing keys, broker account and " + configDir.resolve("kiosk.yaml"));
        new StationFiles(configDir, dataDir).write(e, clock.instant());

        progress.accept("[4/4] Marking the station provisioned");
        ObjectNode done = JSON.createObjectNode().put("station", e.ref()).put("identity", e.identity())
                .put("claim", hash).put("at", clock.instant().toString());
        StationFiles.atomicWrite(dataDir.resolve(MARKER), done.toString() + "\n", false);
        // The answer holds the broker password, now in mqtt.password: no second copy stays behind.
        Files.deleteIfExists(answerFile);
        Files.deleteIfExists(dataDir.resolve(STATE));
        progress.accept("Provisioned as " + e.ref() + ".");
        return Outcome.PROVISIONED;
    }

    private static JsonNode readJson(Path f) throws IOException {
        if (!Files.exists(f)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            return n != null && n.isObject() ? n : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException torn) {
            return null; // cannot happen with atomic writes; treated as absent all the same
        }
    }
}
