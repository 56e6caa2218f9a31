// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn package} builds, checked with Debian's own tools: {@code dpkg-deb} for contents, owners,
 * modes, conffiles and maintainer scripts; {@code dpkg --root --force-script-chrootless} to install, remove and purge
 * it in a throwaway directory tree, with the maintainer scripts really run (they honour {@code DPKG_ROOT}, so the
 * machine running the test is never touched); {@code systemd-analyze verify} on the installed units.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DebPackageIT {
    private static Path deb;
    private static Path basedir;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findPackage() throws IOException {
        Path build = Path.of(System.getProperty("unionkiosk.builddir", "target"));
        basedir = Path.of(System.getProperty("unionkiosk.basedir", "."));
        try (var files = Files.list(build)) {
            deb = files.filter(p -> p.getFileName().toString().matches("union-kiosk_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no union-kiosk_*_all.deb in " + build
                            + ": mvn package builds it"));
        }
    }

    /** Output of a command that must succeed, stderr included for the failure message. */
    static String run(Map<String, String> env, String... cmd) throws Exception {
        Result r = exec(env, cmd);
        assertThat(r.code).as("%s exited %d:%n%s", String.join(" ", cmd), r.code, r.out).isZero();
        return r.out;
    }

    static String run(String... cmd) throws Exception {
        return run(Map.of(), cmd);
    }

    record Result(int code, String out) {
    }

    static Result exec(Map<String, String> env, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish");
            }
            return new Result(p.exitValue(), out);
        } finally {
            p.destroyForcibly();
        }
    }

    static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    }

    @Test
    void controlFieldsNameTheDebianVersionAndAJava17Runtime() throws Exception {
        String mavenVersion = System.getProperty("unionkiosk.version", "0.1.0-SNAPSHOT");
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Package").strip()).isEqualTo("union-kiosk");
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Version").strip())
                .isEqualTo(mavenVersion.replace("-SNAPSHOT", "~SNAPSHOT"));
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Architecture").strip()).isEqualTo("all");
        assertThat(run("dpkg-deb", "-f", deb.toString(), "Depends"))
                .contains("default-jre-headless (>= 2:1.17) | java17-runtime-headless");
        assertThat(deb.getFileName().toString())
                .isEqualTo("union-kiosk_" + mavenVersion.replace("-SNAPSHOT", "~SNAPSHOT") + "_all.deb");
    }

    @Test
    void contentsHaveTheExpectedOwnersAndModes() throws Exception {
        Map<String, String> entries = new HashMap<>();
        for (String line : run("dpkg-deb", "-c", deb.toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            entries.put(f[5].replaceFirst("^\\./", "/"), f[0] + " " + f[1]);
        }
        assertThat(entries).containsEntry("/usr/share/union-kiosk/union-kiosk.jar", "-rw-r--r-- root/root")
                .containsEntry("/usr/bin/union-kiosk", "-rwxr-xr-x root/root")
                .containsEntry("/lib/systemd/system/union-kiosk.service", "-rw-r--r-- root/root")
                .containsEntry("/lib/systemd/system/union-kiosk-central.service", "-rw-r--r-- root/root")
                .containsEntry("/lib/systemd/system/union-kiosk.service.d/10-provisioned.conf", "-rw-r--r-- root/root")
                .containsEntry("/etc/union-kiosk/kiosk.yaml", "-rw-r--r-- root/root")
                .containsEntry("/lib/udev/rules.d/99-union-kiosk-scanners.rules", "-rw-r--r-- root/root")
                .containsEntry("/var/lib/union-kiosk/", "drwxr-xr-x root/root")
                .containsEntry("/usr/share/doc/union-kiosk/copyright", "-rw-r--r-- root/root")
                .containsKey("/usr/share/union-kiosk/firmware-config/config.txt.fragment");
        // Nothing a station must not carry: secrets, the simulation config, this machine's paths.
        assertThat(entries.keySet()).noneMatch(p -> p.endsWith(".key") || p.endsWith("kiosk.sim.yaml"));
        assertThat(entries.values()).allMatch(v -> v.endsWith("root/root"));
    }

    @Test
    void conffilesAndMaintainerScriptsAreInPlaceAndParse() throws Exception {
        assertThat(run("dpkg-deb", "-I", deb.toString(), "conffiles").lines().sorted().toList())
                .containsExactly("/etc/union-kiosk/kiosk.yaml");
        Path control = tmp.resolve("control");
        run("dpkg-deb", "-e", deb.toString(), control.toString());
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path s = control.resolve(script);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(s))).isEqualTo("rwxr-xr-x");
            assertThat(Files.readString(s)).startsWith("#!/bin/sh\n").contains("set -e");
            run("sh", "-n", s.toString());
            if (onPath("dash")) {
                run("dash", "-n", s.toString());
            }
        }
    }

    @Test
    void launcherRunsJavaWithTheFlagsOfTheUnit() throws Exception {
        Path x = tmp.resolve("x");
        run("dpkg-deb", "-x", deb.toString(), x.toString());
        String launcher = Files.readString(x.resolve("usr/bin/union-kiosk"));
        String unit = Files.readString(x.resolve("lib/systemd/system/union-kiosk.service"));
        Matcher m = Pattern.compile("(?m)^ExecStart=((?:.*\\\\\\n)*.*)$").matcher(unit);
        assertThat(m.find()).as("ExecStart in the unit").isTrue();
        List<String> flags = new ArrayList<>();
        Matcher f = Pattern.compile("(?<=\\s)-(?:X\\S+|D\\S+)").matcher(m.group(1));
        while (f.find()) {
            String flag = f.group().replaceAll("['\"]$", "");
            // The class-data archive belongs to the service user; the launcher leaves it alone (documented).
            if (!flag.matches("-XX:(SharedArchiveFile|ArchiveClassesAtExit).*|-Xshare.*")) {
                flags.add(flag);
            }
        }
        assertThat(flags).isNotEmpty();
        assertThat(launcher).contains(flags).contains("-jar /usr/share/union-kiosk/union-kiosk.jar \"$@\"");
        run("sh", "-n", x.resolve("usr/bin/union-kiosk").toString());
    }

    /** A directory tree with just enough of a system for dpkg and the account tools: no chroot, no host files. */
    private Path throwawayRoot() throws IOException {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("var/lib/dpkg/info"));
        Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        Files.writeString(root.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
        // dialout exists already on a Pi: the script must keep it and only add the missing groups.
        Files.writeString(root.resolve("etc/group"), "root:x:0:\ndialout:x:20:pi\n");
        Files.writeString(root.resolve("etc/gshadow"), "root:*::\ndialout:*::pi\n");
        Files.writeString(root.resolve("var/lib/dpkg/status"), "");
        Files.writeString(root.resolve("var/lib/dpkg/available"), "");
        return root;
    }

    private static String dpkg(Path root, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
                "--force-depends", "--log=/dev/null"));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    private static Map<String, String[]> entries(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(":", -1))
                .collect(Collectors.toMap(f -> f[0], f -> f));
    }

    @Test
    void installsRemovesAndPurgesInAThrowawayRoot() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg --root needs root to set owners");
        assumeTrue(onPath("dpkg") && onPath("useradd") && onPath("deb-systemd-helper"),
                "dpkg, passwd and init-system-helpers are installed on Debian");
        byte[] hostPasswd = Files.readAllBytes(Path.of("/etc/passwd"));
        byte[] hostGroup = Files.readAllBytes(Path.of("/etc/group"));
        Path root = throwawayRoot();

        dpkg(root, "-i", deb.toString());

        Map<String, String[]> passwd = entries(root.resolve("etc/passwd"));
        Map<String, String[]> group = entries(root.resolve("etc/group"));
        assertThat(passwd).containsKey("union-kiosk");
        String[] user = passwd.get("union-kiosk");
        assertThat(Integer.parseInt(user[2])).as("a system uid").isLessThan(1000);
        assertThat(user[6]).isEqualTo("/usr/sbin/nologin");
        for (String g : List.of("gpio", "i2c", "dialout", "video", "input")) {
            assertThat(group.get(g)[3].split(",")).as("group %s", g).contains("union-kiosk");
        }
        assertThat(group.get("dialout")[2]).as("an existing group is kept").isEqualTo("20");
        assertThat(group.get("dialout")[3]).isEqualTo("pi,union-kiosk");

        Path state = root.resolve("var/lib/union-kiosk");
        assertThat(Files.getAttribute(state, "unix:uid")).isEqualTo(Integer.parseInt(user[2]));
        assertThat(Files.getAttribute(state, "unix:gid")).isEqualTo(Integer.parseInt(group.get("union-kiosk")[2]));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rwxr-x---");

        Path wants = root.resolve("etc/systemd/system/multi-user.target.wants");
        assertThat(Files.readSymbolicLink(wants.resolve("union-kiosk.service")))
                .isEqualTo(Path.of("/lib/systemd/system/union-kiosk.service"));
        assertThat(wants.resolve("union-kiosk-central.service")).as("central is for the server").doesNotExist();
        assertThat(Files.readAllBytes(Path.of("/etc/passwd"))).as("host untouched").isEqualTo(hostPasswd);
        assertThat(Files.readAllBytes(Path.of("/etc/group"))).as("host untouched").isEqualTo(hostGroup);

        // A reinstall (configure again) keeps the user and its ids.
        dpkg(root, "-i", deb.toString());
        assertThat(entries(root.resolve("etc/passwd")).get("union-kiosk")).isEqualTo(user);

        // remove keeps the configuration and the station's data; purge removes both.
        Files.writeString(state.resolve("station.db"), "events");
        Path conf = root.resolve("etc/union-kiosk/kiosk.yaml");
        Files.writeString(conf, "# edited by the technician\n", java.nio.file.StandardOpenOption.APPEND);
        dpkg(root, "-r", "union-kiosk");
        assertThat(root.resolve("usr/share/union-kiosk/union-kiosk.jar")).doesNotExist();
        assertThat(root.resolve("usr/bin/union-kiosk")).doesNotExist();
        assertThat(state.resolve("station.db")).exists();
        assertThat(Files.readString(conf)).endsWith("# edited by the technician\n");

        dpkg(root, "-P", "union-kiosk");
        assertThat(state).doesNotExist();
        assertThat(root.resolve("etc/union-kiosk")).doesNotExist();
        assertThat(wants.resolve("union-kiosk.service")).doesNotExist();
        assertThat(Files.readAllBytes(Path.of("/etc/passwd"))).as("host untouched").isEqualTo(hostPasswd);
    }

    @Test
    void unitsPassSystemdAnalyzeVerify() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd is installed by .ci/install-test-deps");
        Path x = tmp.resolve("x");
        run("dpkg-deb", "-x", deb.toString(), x.toString());
        Path units = x.resolve("lib/systemd/system");
        // Our units (and the drop-in) first in the search path, the host's after them for the targets they name.
        Result r = exec(Map.of("SYSTEMD_UNIT_PATH", units + ":", "SYSTEMD_LOG_LEVEL", "notice"),
                "systemd-analyze", "verify", "union-kiosk.service", "union-kiosk-central.service");
        // verify exits 0 on unknown keys but prints them: any line naming our units is a failure.
        assertThat(r.out.lines().filter(l -> l.contains("union-kiosk")).toList()).as(r.out).isEmpty();
        assertThat(r.code).as(r.out).isZero();

        assertThat(Files.readString(units.resolve("union-kiosk.service.d/10-provisioned.conf")))
                .contains("ConditionPathExists=/var/lib/union-kiosk/provisioned");
        String central = Files.readString(units.resolve("union-kiosk-central.service"));
        assertThat(central).contains("User=union-kiosk", "Restart=on-failure", "RestartPreventExitStatus=78",
                "SuccessExitStatus=143", "-c /etc/union-kiosk/central.yaml", "NoNewPrivileges=yes",
                "ProtectSystem=strict");
        assertThat(basedir.resolve("systemd/union-kiosk-central.service")).exists();
    }
}
