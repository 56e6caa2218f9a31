// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.KeyFiles;
import org.unionkiosk.protocol.TrustedKey;

/**
 * Reads {@code kiosk.yaml} (YAML or JSON) into a {@link StationConfig}. Collects every problem, each naming key
 * path, value and fix, and throws them together before anything touches GPIO or the network.
 * See docs/configuration.md for every key.
 */
public final class ConfigLoader {
    // Strict: a key given twice (two access: sections) is an error, never "the last one wins".
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private ConfigLoader() {
    }

    public static StationConfig load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String duplicate = duplicateKey(e);
            if (duplicate != null) {
                throw new ConfigException(List.of(duplicate + ": given twice"
                        + (e.getLocation() == null ? "" : " (second at line " + e.getLocation().getLineNr() + ")")
                        + ": keep one and merge the other into it"));
            }
            throw new ConfigException(List.of(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")")));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot be read (" + e.getMessage()
                    + "): pass an existing file with -c or UNION_KIOSK_CONFIG"));
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(List.of(file + ": is empty: start from firmware-config/kiosk.yaml"));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(root, base);
    }

    /** The dotted key path of a key the parser found twice, or null for any other parse error. */
    private static String duplicateKey(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser p) || e.getOriginalMessage() == null
                || !e.getOriginalMessage().startsWith("Duplicate field '")) {
            return null;
        }
        String name = e.getOriginalMessage().substring("Duplicate field '".length());
        name = name.substring(0, Math.max(0, name.lastIndexOf('\'')));
        StringBuilder path = new StringBuilder(name);
        for (JsonStreamContext c = p.getParsingContext().getParent(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + c.getCurrentIndex() + "]" + (path.charAt(0) == '[' ? "" : "."));
            } else if (c.getCurrentName() != null) {
                path.insert(0, c.getCurrentName() + (path.charAt(0) == '[' ? "" : "."));
            }
        }
        return path.toString();
    }

    static StationConfig parse(JsonNode rootNode, Path base) {
        List<String> problems = new ArrayList<>();
        ConfigNode root = new ConfigNode(rootNode, "", problems);

        ConfigNode station = root.child("station");
        String site = id(station, "site");
        String stationId = id(station, "id");
        Path dataDir = base.resolve(station.string("dataDir", "/var/lib/union-kiosk"));
        int retentionDays = station.integer("eventRetentionDays", StationConfig.DEFAULT_EVENT_RETENTION_DAYS, 1,
                3650);
        station.rejectUnknownKeys();

        ConfigNode hw = root.child("hardware");
        Platform platform = hw.choice("platform", Platform.class, Platform.GPIOD);
        hw.rejectUnknownKeys();

        DoorConfig door = door(root.child("door"));
        AccessConfig access = access(root.child("access"), base);

        ConfigNode occupancy = root.child("occupancy");
        LocalTime resetAt = occupancy.time("dailyResetAt", LocalTime.of(4, 0));
        occupancy.rejectUnknownKeys();

        List<ScannerConfig> scanners = new ArrayList<>();
        for (ConfigNode s : root.children("scanners")) {
            scanners.add(scanner(s, base));
        }
        if (scanners.isEmpty() && !problems.stream().anyMatch(p -> p.startsWith("scanners"))) {
            root.problem("scanners", "needs at least one scanner, e.g. {id: entry, type: serial, role: entry, "
                    + "device: /dev/serial/by-id/...}", null);
        }

        ConfigNode http = root.child("http");
        String host = http.string("host", "127.0.0.1");
        int port = http.integer("port", 8080, 0, 65535); // 0: any free port (tests)
        http.rejectUnknownKeys();

        MqttConfig mqtt = mqtt(root.child("mqtt"), base, site, stationId);
        LockerConfig lockers = lockers(root.child("lockers"), base);
        if (lockers == null) {
            for (int i = 0; i < scanners.size(); i++) {
                if (scanners.get(i).role() == ScannerConfig.Role.LOCKER) {
                    problems.add("scanners[" + i + "].role: a locker terminal needs a lockers section: add one or "
                            + "use entry or exit");
                }
            }
        } else if (door != null) {
            checkLockerPins(door, lockers, problems);
        }

        PhoneConfig phone = PhoneSection.parse(root.child("phone"), base);
        PowerConfig power = PowerSection.parse(root.child("power"), door, problems);

        ConfigNode screen = root.child("screen");
        StationConfig.Language language = language(screen);
        screen.rejectUnknownKeys();
        root.rejectUnknownKeys();

        if (door != null) {
            checkPinsUnique(door, problems);
        }
        checkScannersUnique(scanners, problems);
        checkDataDir(dataDir, problems);
        if (problems.isEmpty()) {
            checkPortBindable(host, port, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new StationConfig(site, stationId, dataDir, platform, door, access, resetAt, scanners, host, port,
                language, mqtt, lockers, retentionDays, phone, power);
    }

    private static String id(ConfigNode node, String key) {
        String v = node.requiredString(key, "lower-case letters, digits and '-', e.g. sz-nanshan");
        if (v != null && !BadgeScope.isId(v)) {
            node.problem(key, "must be lower-case letters, digits and '-' (it is an MQTT topic level)", v);
        }
        return v;
    }

    private static DoorConfig door(ConfigNode d) {
        if (!d.present()) {
            d.problem("", "is required: the lock, contact and exit button wiring", null);
            return null;
        }
        DoorConfig cfg = new DoorConfig(
                pin(d, "lock", true, false), d.choice("lockType", LockType.class, LockType.FAIL_SAFE),
                pin(d, "contact", true, false), d.integer("debounceMs", DoorConfig.DEFAULT_DEBOUNCE_MS, 0, 1000),
                pin(d, "exitButton", true, true), pin(d, "tamper", false, false), pin(d, "fireAlarm", false, false),
                pin(d, "greenLed", true, false), pin(d, "redLed", true, false), pin(d, "buzzer", false, false),
                Duration.ofMillis(d.integer("unlockMs", (int) DoorConfig.DEFAULT_UNLOCK.toMillis(), 200, 60_000)),
                Duration.ofMillis(d.integer("exitUnlockMs", (int) DoorConfig.DEFAULT_UNLOCK.toMillis(), 200,
                        60_000)),
                Duration.ofSeconds(d.integer("heldOpenSeconds", (int) DoorConfig.DEFAULT_HELD_OPEN.toSeconds(), 5,
                        3600)));
        d.rejectUnknownKeys();
        return cfg;
    }

    /** A pin is either a bare BCM number or {bcm: N, activeLow: true}. */
    static PinConfig pin(ConfigNode parent, String key, boolean required, boolean activeLowDefault) {
        if (!parent.has(key)) {
            parent.child(key);
            if (required) {
                parent.problem(key, "is required: a BCM pin number 0.." + PinConfig.MAX_BCM
                        + " or {bcm: N, activeLow: true|false}", null);
            }
            return null;
        }
        if (parent.isNumber(key)) {
            return new PinConfig(parent.integer(key, 0, 0, PinConfig.MAX_BCM), activeLowDefault);
        }
        ConfigNode probe = parent.child(key);
        if (!probe.present()) {
            return null;
        }
        int bcm = probe.requiredInteger("bcm", 0, PinConfig.MAX_BCM, "the BCM GPIO number");
        boolean activeLow = probe.bool("activeLow", activeLowDefault);
        probe.rejectUnknownKeys();
        return new PinConfig(bcm, activeLow);
    }

    private static AccessConfig access(ConfigNode a, Path base) {
        List<TrustedKey> keys = new ArrayList<>();
        List<String> files = a.strings("trustedKeys");
        if (files.isEmpty()) {
            a.problem("trustedKeys", "needs at least one public key file (badge keygen --public F)", null);
        }
        for (int i = 0; i < files.size(); i++) {
            Path f = base.resolve(files.get(i));
            try {
                keys.add(KeyFiles.readPublic(f));
            } catch (IOException | IllegalArgumentException e) {
                String why = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                        : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
                a.problem("trustedKeys[" + i + "]", "cannot read an Ed25519 public key from " + f + " (" + why
                        + "): write one with 'union-kiosk badge keygen' or fix the path", null);
            }
        }
        Duration skew = Duration.ofSeconds(a.integer("clockSkewSeconds", (int) AccessConfig.DEFAULT_SKEW.toSeconds(),
                0, 3600));
        int capacity = a.integer("capacity", 0, 0, 10_000);
        ConfigNode hoursNode = a.child("openingHours");
        OpeningHours hours = new OpeningHours(hoursNode.time("opens", LocalTime.MIDNIGHT),
                hoursNode.time("closes", LocalTime.MIDNIGHT));
        hoursNode.rejectUnknownKeys();
        ConfigNode rate = a.child("rateLimit");
        int scans = rate.integer("scans", 5, 1, 1000);
        Duration window = Duration.ofSeconds(rate.integer("perSeconds", 10, 1, 3600));
        rate.rejectUnknownKeys();
        boolean requireSync = a.bool("requireClockSync", true);
        Path syncFile = base.resolve(a.string("clockSyncFile", AccessConfig.DEFAULT_CLOCK_SYNC_FILE.toString()));
        a.rejectUnknownKeys();
        return new AccessConfig(keys, skew, capacity, hours, scans, window, requireSync, syncFile);
    }

    private static MqttConfig mqtt(ConfigNode m, Path base, String site, String station) {
        if (!m.present()) {
            return null;
        }
        String url = m.requiredString("url", "the broker, tcp://HOST:1883 or ssl://HOST:8883");
        if (url != null && !url.matches("(tcp|ssl)://[^/]+:\\d+")) {
            m.problem("url", "must be tcp://HOST:PORT or ssl://HOST:PORT", url);
        }
        String clientId = m.string("clientId", "kiosk-" + site + "-" + station);
        String username = m.string("username", null);
        char[] password = null;
        String pwFile = m.string("passwordFile", null);
        if (pwFile != null) {
            try {
                password = Files.readString(base.resolve(pwFile)).strip().toCharArray();
            } catch (IOException e) {
                m.problem("passwordFile", "cannot read " + base.resolve(pwFile) + ": make it readable by the "
                        + "union-kiosk user (mode 640)", null);
            }
        }
        Path ca = readableFile(m, "caFile", base);
        Path cert = readableFile(m, "certFile", base);
        Path key = readableFile(m, "keyFile", base);
        if ((cert == null) != (key == null)) {
            m.problem("certFile", "certFile and keyFile go together (client certificate authentication)", null);
        }
        Duration status = Duration.ofSeconds(m.integer("statusIntervalSeconds", 60, 5, 3600));
        List<TrustedKey> commandKeys = new ArrayList<>();
        List<String> files = m.strings("commandKeys");
        if (files.isEmpty()) {
            m.problem("commandKeys", "needs central's command public key file(s): without one no remote command "
                    + "can be verified", null);
        }
        for (int i = 0; i < files.size(); i++) {
            try {
                commandKeys.add(KeyFiles.readPublic(base.resolve(files.get(i))));
            } catch (IOException | IllegalArgumentException e) {
                m.problem("commandKeys[" + i + "]", "cannot read an Ed25519 public key from "
                        + base.resolve(files.get(i)) + ": copy central's command key there", null);
            }
        }
        int inFlight = m.integer("inFlight", MqttConfig.DEFAULT_IN_FLIGHT, 1, 100);
        Duration rMin = Duration.ofMillis(m.integer("reconnectMinMs", 500, 50, 60_000));
        Duration rMax = Duration.ofMillis(m.integer("reconnectMaxMs", 30_000, 100, 600_000));
        long maxDepth = m.integer("outboxMaxDepth", 1_000_000, 1000, 100_000_000);
        m.rejectUnknownKeys();
        return new MqttConfig(url, clientId, username, password, ca, cert, key, status, commandKeys, inFlight, rMin,
                rMax, maxDepth);
    }

    private static LockerConfig lockers(ConfigNode l, Path base) {
        if (!l.present()) {
            return null;
        }
        Duration pulse = Duration.ofMillis(l.integer("pulseMs", (int) LockerConfig.DEFAULT_PULSE.toMillis(), 50,
                2000));
        Duration gap = Duration.ofMillis(l.integer("gapMs", 100, 0, 5000));
        Duration leftOpen = Duration.ofSeconds(l.integer("leftOpenSeconds", 120, 10, 3600));
        Duration overdue = Duration.ofHours(l.integer("overdueHours", 24, 1, 24 * 30));
        int perMember = l.integer("perMember", 1, 1, 10);
        Duration releaseScan = Duration.ofSeconds(l.integer("releaseScanSeconds", 15, 2, 120));
        Duration releaseWindow = Duration.ofSeconds(l.integer("releaseWindowSeconds", 60, 5, 600));
        List<LockerConfig.Bank> banks = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Set<String> chips = new HashSet<>();
        for (ConfigNode b : l.children("banks")) {
            String id = b.requiredString("id", "a short bank name such as a");
            String type = b.string("type", "mcp23017");
            boolean mcp = "mcp23017".equals(type);
            boolean rs485 = "rs485".equals(type);
            if (!mcp && !rs485 && !"gpio".equals(type)) {
                b.problem("type", "must be mcp23017, gpio or rs485", type);
            }
            int bus = b.integer("bus", 1, 0, 10);
            int address = mcp ? b.requiredInteger("address", 0x20, 0x27, "the expander address 0x20..0x27")
                    : rs485 ? b.requiredInteger("address", 1, 31, "the board number set on its DIP switches") : 0;
            String device = rs485 ? b.requiredString("device", "the RS-485 adapter, /dev/serial/by-id/...") : null;
            device = device == null ? null : base.resolve(device).toString();
            if ((mcp || rs485) && !chips.add((rs485 ? device : "i2c-" + bus) + ":" + address)) {
                b.problem("address", "two banks use the same board or expander", address);
            }
            int maxPin = mcp ? 15 : rs485 ? 24 : PinConfig.MAX_BCM;
            List<LockerConfig.Locker> lockers = new ArrayList<>();
            Set<Integer> pins = new HashSet<>();
            for (ConfigNode k : b.children("lockers")) {
                String lid = k.requiredString("id", "the number printed on the locker door");
                if (lid != null && !ids.add(lid)) {
                    k.problem("id", "is used twice: give each locker its own id", lid);
                }
                int size = k.integer("size", 1, 1, 9);
                int lock = k.requiredInteger("lock", rs485 ? 1 : 0, maxPin, rs485 ? "the lock number on the board"
                        : "the lock output pin");
                int closed = rs485 ? k.integer("closed", lock, 1, maxPin)
                        : k.requiredInteger("closed", 0, maxPin, "the door-closed input pin");
                if (mcp && (closed == 7 || closed == 15)) {
                    k.problem("closed", "GPA7/GPB7 (pins 7 and 15) are output-only on the MCP23017: use them for "
                            + "locks", closed);
                }
                if (!pins.add(lock) || !rs485 && !pins.add(closed)) {
                    k.problem("lock", "a pin of this locker is already used in bank " + id, lock);
                }
                k.rejectUnknownKeys();
                lockers.add(new LockerConfig.Locker(lid, size, lock, closed));
            }
            if (lockers.isEmpty()) {
                b.problem("lockers", "needs at least one locker {id, size, lock, closed}", null);
            }
            b.rejectUnknownKeys();
            banks.add(new LockerConfig.Bank(id, type, bus, address, device, lockers));
        }
        if (banks.isEmpty()) {
            l.problem("banks", "needs at least one bank", null);
        }
        l.rejectUnknownKeys();
        return new LockerConfig(pulse, gap, leftOpen, overdue, perMember, releaseScan, releaseWindow, banks);
    }

    private static void checkLockerPins(DoorConfig door, LockerConfig lockers, List<String> problems) {
        Map<Integer, String> doorPins = new HashMap<>();
        door.pins().forEach(e -> doorPins.put(e.getValue().bcm(), e.getKey()));
        for (LockerConfig.Bank b : lockers.banks()) {
            if (!"gpio".equals(b.type())) {
                continue;
            }
            for (LockerConfig.Locker l : b.lockers()) {
                for (int pin : new int[] {l.lock(), l.closed()}) {
                    if (doorPins.containsKey(pin)) {
                        problems.add("lockers.banks." + b.id() + ".lockers." + l.id() + ": BCM pin " + pin
                                + " is already used by " + doorPins.get(pin) + ": give each device its own pin");
                    }
                }
            }
        }
    }

    private static Path readableFile(ConfigNode m, String key, Path base) {
        String f = m.string(key, null);
        if (f == null) {
            return null;
        }
        Path p = base.resolve(f);
        if (!Files.isReadable(p)) {
            m.problem(key, "cannot read " + p + ": check the path and that the union-kiosk user may read it", null);
        }
        return p;
    }

    private static ScannerConfig scanner(ConfigNode s, Path base) {
        String id = s.requiredString("id", "a short name such as entry");
        ScannerConfig.Type type = s.choice("type", ScannerConfig.Type.class, ScannerConfig.Type.SERIAL);
        ScannerConfig.Role role = s.choice("role", ScannerConfig.Role.class, ScannerConfig.Role.ENTRY);
        String device = type == ScannerConfig.Type.CAMERA ? s.string("device", null)
                : s.requiredString("device", type == ScannerConfig.Type.HID ? "/dev/input/by-id/...-event-kbd"
                : "the tty, /dev/serial/by-id/... path or a FIFO");
        int max = s.integer("maxLineLength", ScannerConfig.DEFAULT_MAX_LINE, 64, 65536);
        int flood = s.integer("maxCodesPerSecond", 10, 1, 1_000_000);
        ScannerConfig.Serial serial = null;
        ScannerConfig.Hid hid = null;
        ScannerConfig.Camera camera = null;
        switch (type) {
            case SERIAL -> {
                int baud = s.integer("baud", 9600, 1200, 921_600);
                int dataBits = s.integer("dataBits", 8, 5, 8);
                String parity = s.string("parity", "none");
                if (!parity.matches("none|even|odd")) {
                    s.problem("parity", "must be none, even or odd", parity);
                }
                int stopBits = s.integer("stopBits", 1, 1, 2);
                String terminator = s.string("terminator", "auto");
                serial = new ScannerConfig.Serial(baud, dataBits, parity, stopBits, terminator);
            }
            case HID -> {
                String layout = s.string("layout", "us");
                if (!layout.matches("us|de")) {
                    s.problem("layout", "must be us or de", layout);
                }
                hid = new ScannerConfig.Hid(layout, Duration.ofMillis(s.integer("codeTimeoutMs", 300, 20, 5000)));
            }
            case CAMERA -> {
                String source = s.string("source", "rpicam");
                if (!source.matches("rpicam|v4l2|command")) {
                    s.problem("source", "must be rpicam, v4l2 or command", source);
                }
                String command = s.string("command", null);
                if ("command".equals(source) && command == null) {
                    s.problem("command", "is required with source: command (a pipeline writing raw YUV420 frames)",
                            null);
                }
                ConfigNode roi = s.child("roi");
                camera = new ScannerConfig.Camera(source, command, s.integer("width", 640, 160, 4096),
                        s.integer("height", 480, 120, 3072), s.integer("fps", 15, 1, 60), roi.integer("x", 0, 0, 4096),
                        roi.integer("y", 0, 0, 3072), roi.integer("width", 0, 0, 4096),
                        roi.integer("height", 0, 0, 3072),
                        Duration.ofMillis(s.integer("stallMs", 3000, 500, 60_000)));
                roi.rejectUnknownKeys();
                if (camera.roiWidth() > 0 && (camera.roiX() + camera.roiWidth() > camera.width()
                        || camera.roiY() + camera.roiHeight() > camera.height() || camera.roiHeight() == 0)) {
                    s.problem("roi", "must lie inside the " + camera.width() + "x" + camera.height() + " frame", null);
                }
                if ("v4l2".equals(source) && device == null) {
                    s.problem("device", "is required for a v4l2 camera, e.g. /dev/video0", null);
                }
            }
        }
        s.rejectUnknownKeys();
        return new ScannerConfig(id, type, role, device == null ? null : base.resolve(device), max, flood, serial, hid,
                camera);
    }

    private static StationConfig.Language language(ConfigNode screen) {
        String lang = screen.string("language", "zh-CN");
        for (StationConfig.Language l : StationConfig.Language.values()) {
            if (l.toString().equals(lang)) {
                return l;
            }
        }
        screen.problem("language", "must be zh-CN or en", lang);
        return StationConfig.Language.ZH_CN;
    }

    private static void checkPinsUnique(DoorConfig door, List<String> problems) {
        Map<Integer, String> owner = new HashMap<>();
        for (var e : door.pins()) {
            String prev = owner.putIfAbsent(e.getValue().bcm(), e.getKey());
            if (prev != null) {
                problems.add(e.getKey() + ": BCM pin " + e.getValue().bcm() + " is already used by " + prev
                        + ": give each device its own pin");
            }
        }
    }

    private static void checkScannersUnique(List<ScannerConfig> scanners, List<String> problems) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < scanners.size(); i++) {
            String id = scanners.get(i).id();
            if (id != null && !ids.add(id)) {
                problems.add("scanners[" + i + "].id: '" + id + "' is used twice: give each scanner its own id");
            }
        }
    }

    private static void checkDataDir(Path dataDir, List<String> problems) {
        try {
            Files.createDirectories(dataDir);
            if (!Files.isWritable(dataDir)) {
                problems.add("station.dataDir: " + dataDir + " is not writable by this user: "
                        + "chown it to union-kiosk");
            }
        } catch (IOException e) {
            problems.add("station.dataDir: cannot create " + dataDir + " (" + e.getMessage()
                    + "): choose a writable directory");
        }
    }

    /**
     * A host that is not an address of this machine, or a port this user may not bind, is a configuration error. A
     * port that another process holds is not: that can pass (a previous instance still stopping), so the start
     * fails with status 1 and systemd retries.
     */
    private static void checkPortBindable(String host, int port, List<String> problems) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (java.net.BindException e) {
            if (e.getMessage() == null || !e.getMessage().contains("in use")) {
                problems.add("http.port: " + host + ":" + port + " cannot be bound (" + e.getMessage()
                        + "): use an address of this machine and a port this user may open");
            }
        } catch (IOException e) {
            problems.add("http.port: " + host + ":" + port + " cannot be bound (" + e.getMessage()
                    + "): stop the other process or choose another port");
        }
    }
}
