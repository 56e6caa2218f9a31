// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.station.config.LockerConfig;
import org.unionkiosk.testing.TestProcesses;

/** The RS-485 bank against a simulated "8A" board on the far end of a socat pseudo-terminal pair. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Rs485LockerBankIT {
    @TempDir
    Path dir;
    private Process socat;
    private Thread board;
    private volatile boolean running = true;
    private final AtomicInteger openDoors = new AtomicInteger(); // bitmap, lock 1 = bit 0
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private volatile boolean corrupt;

    @AfterEach
    void tearDown() throws Exception {
        running = false;
        if (socat != null) {
            socat.destroyForcibly().waitFor();
        }
    }

    /** Board number 3: answers open and status frames, opening the door of a lock it pulses. */
    private void startBoard() throws Exception {
        socat = TestProcesses.start(new ProcessBuilder("socat", "pty,raw,echo=0,link=" + dir.resolve("rs485"),
                "pty,raw,echo=0,link=" + dir.resolve("board")));
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(dir.resolve("board")));
        board = new Thread(() -> {
            try (InputStream in = Files.newInputStream(dir.resolve("board"));
                 OutputStream out = Files.newOutputStream(dir.resolve("board"))) {
                byte[] f = new byte[5];
                while (running) {
                    if (in.readNBytes(f, 0, 5) < 5) {
                        return;
                    }
                    commands.add(java.util.HexFormat.of().formatHex(f));
                    if (!Rs485Frames.valid(f) || (f[1] & 0xff) != 3) {
                        continue; // not for us: a real board stays silent
                    }
                    byte[] reply;
                    if ((f[0] & 0xff) == Rs485Frames.OPEN) {
                        int lock = f[2] & 0xff;
                        openDoors.updateAndGet(b -> b | 1 << (lock - 1));
                        reply = Rs485Frames.withChecksum(0x8A, 3, lock, 0x11);
                    } else {
                        int b = openDoors.get();
                        reply = Rs485Frames.withChecksum(0x80, 3, b & 0xff, b >> 8 & 0xff, b >> 16 & 0xff, 0x33);
                    }
                    if (corrupt) {
                        reply[reply.length - 1] ^= 0x55;
                    }
                    out.write(reply);
                    out.flush();
                }
            } catch (Exception e) {
                // pty closed at tear-down
            }
        });
        board.setDaemon(true);
        board.start();
    }

    @Test
    void opensLocksChecksRepliesAndReadsDoorsFromTheBoard() throws Exception {
        startBoard();
        LockerBus bus = new LockerBus("rs485", Duration.ofMillis(50), Duration.ofMillis(30));
        var bank = new Rs485LockerBank(dir.resolve("rs485").toString(), new LockerConfig.Bank("r", "rs485", 0, 3,
                dir.resolve("rs485").toString(), List.of(new LockerConfig.Locker("21", 1, 1, 1),
                new LockerConfig.Locker("22", 1, 2, 2), new LockerConfig.Locker("30", 2, 10, 10))), bus);

        assertThat(bank.doorsClosed().join()).containsEntry("21", true).containsEntry("30", true);
        bank.open("30").join();

        assertThat(commands).contains("8a030a1192"); // checksum 8A ^ 03 ^ 0A ^ 11 = 92
        assertThat(bank.doorsClosed().join()).containsEntry("30", false).containsEntry("22", true);

        corrupt = true;
        assertThatThrownBy(() -> bank.open("21").join()).hasMessageContaining("corrupt reply");
        bank.close();
        bus.close();
    }
}
