// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import com.fazecast.jSerialComm.SerialPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.unionkiosk.station.config.LockerConfig;

/**
 * Lockers on an RS-485 lock-control board of the "8A" family (see {@link Rs485Frames}), through a USB-RS485
 * adapter (jSerialComm, 9600 8N1). The board times the lock pulse itself; commands go one at a time on the
 * bank's bus thread, each waiting for its checked reply. {@code lock} and {@code closed} of a locker are both its
 * lock number on the board: the board reports the door through the same channel.
 */
public final class Rs485LockerBank implements LockerBank {
    private static final int REPLY_TIMEOUT_MS = 300;

    private final Map<String, Integer> lockNo = new LinkedHashMap<>();
    private final int board;
    private final LockerBus bus;
    private final SerialPort port;

    public Rs485LockerBank(String device, LockerConfig.Bank cfg, LockerBus bus) {
        this.board = cfg.address();
        this.bus = bus;
        cfg.lockers().forEach(l -> lockNo.put(l.id(), l.lock()));
        this.port = SerialPort.getCommPort(device);
        port.setComPortParameters(9600, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_BLOCKING, REPLY_TIMEOUT_MS, 0);
    }

    @Override
    public List<String> lockerIds() {
        return List.copyOf(lockNo.keySet());
    }

    @Override
    public CompletableFuture<Void> open(String lockerId) {
        Integer n = lockNo.get(lockerId);
        if (n == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no locker " + lockerId));
        }
        // The board pulses the lock itself: the bus's "output" is one checked command exchange.
        return bus.pulse(on -> {
            if (on) {
                byte[] reply = exchange(Rs485Frames.open(board, n), 5);
                if ((reply[0] & 0xff) != Rs485Frames.OPEN || (reply[2] & 0xff) != n) {
                    throw new IllegalStateException("board " + board + " answered another command");
                }
            }
        });
    }

    @Override
    public CompletableFuture<Map<String, Boolean>> doorsClosed() {
        return bus.read(() -> {
            byte[] r = exchange(Rs485Frames.status(board), 7);
            int bits = (r[2] & 0xff) | (r[3] & 0xff) << 8 | (r[4] & 0xff) << 16;
            Map<String, Boolean> closed = new LinkedHashMap<>();
            lockNo.forEach((id, n) -> closed.put(id, (bits & (1 << (n - 1))) == 0));
            return closed;
        });
    }

    private byte[] exchange(byte[] command, int replyLength) {
        if (!port.isOpen() && !port.openPort()) {
            throw new UncheckedIOException(new IOException("cannot open the RS-485 adapter " + port.getSystemPortPath()));
        }
        port.flushIOBuffers();
        port.writeBytes(command, command.length);
        byte[] reply = new byte[replyLength];
        int got = 0;
        while (got < replyLength) {
            int n = port.readBytes(reply, replyLength - got, got);
            if (n <= 0) {
                throw new IllegalStateException("board " + board + " did not answer within " + REPLY_TIMEOUT_MS
                        + " ms");
            }
            got += n;
        }
        if (!Rs485Frames.valid(reply) || (reply[1] & 0xff) != board) {
            throw new IllegalStateException("board " + board + " sent a corrupt reply");
        }
        return reply;
    }

    @Override
    public void close() {
        bus.read(() -> port.closePort()).join();
    }
}
