// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks systemd's notify protocol (Type=notify) from this process itself, so the unit can say
 * {@code NotifyAccess=main}: through libsystemd's {@code sd_notify(3)} via JNA, or, where libsystemd is absent,
 * the same datagram sent with libc. Never spawns {@code systemd-notify} (a child process, which main-only access
 * refuses). Does nothing outside systemd ({@code NOTIFY_SOCKET} unset). Thread-safe; each call is a few µs.
 */
final class SystemdNotifier {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;

    interface LibSystemd extends Library {
        int sd_notify(int unsetEnvironment, String state);
    }

    interface LibC extends Library {
        int socket(int domain, int type, int protocol);

        NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen);

        int close(int fd);
    }

    private final String socket;
    private final LibSystemd systemd;
    private final LibC libc;

    SystemdNotifier(String socket, boolean useLibsystemd) {
        this.socket = socket;
        this.systemd = socket != null && useLibsystemd ? loadSystemd() : null;
        this.libc = socket != null && systemd == null ? Native.load("c", LibC.class) : null;
    }

    /** The notifier for this process: {@code NOTIFY_SOCKET} from the environment, libsystemd when present. */
    static SystemdNotifier fromEnvironment() {
        return new SystemdNotifier(System.getenv("NOTIFY_SOCKET"), true);
    }

    boolean active() {
        return socket != null;
    }

    /** Which library sends: "libsystemd", "libc" or "none". */
    String via() {
        return systemd != null ? "libsystemd" : libc != null ? "libc" : "none";
    }

    /** Sends one state string such as {@code READY=1} or {@code WATCHDOG=1}; false if it was not delivered. */
    boolean send(String state) {
        if (socket == null) {
            return false;
        }
        if (systemd != null) {
            int rc = systemd.sd_notify(0, state);
            if (rc <= 0) {
                log.warn("sd_notify {} failed: {}", state, rc);
            }
            return rc > 0;
        }
        return sendWithLibc(state);
    }

    private boolean sendWithLibc(String state) {
        byte[] path = socket.getBytes(StandardCharsets.UTF_8);
        if (path.length == 0 || path.length > 107 || (path[0] != '/' && path[0] != '@')) {
            log.warn("NOTIFY_SOCKET {} is not a Unix socket path", socket);
            return false;
        }
        // struct sockaddr_un: sa_family_t (native order) then the path; '@' means the abstract namespace (NUL).
        ByteBuffer addr = ByteBuffer.allocate(2 + 108).order(ByteOrder.nativeOrder());
        addr.putShort((short) AF_UNIX).put(path);
        boolean abstractName = path[0] == '@';
        if (abstractName) {
            addr.put(2, (byte) 0);
        }
        int addrLen = 2 + path.length + (abstractName ? 0 : 1);
        int fd = libc.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            log.warn("notify socket could not be created (errno {})", Native.getLastError());
            return false;
        }
        try {
            byte[] msg = state.getBytes(StandardCharsets.UTF_8);
            long sent = libc.sendto(fd, msg, new NativeLong(msg.length), MSG_NOSIGNAL, addr.array(), addrLen)
                    .longValue();
            if (sent != msg.length) {
                log.warn("notify {} to {} failed (errno {})", state, socket, Native.getLastError());
                return false;
            }
            return true;
        } finally {
            libc.close(fd);
        }
    }

    private static LibSystemd loadSystemd() {
        for (String name : new String[] {"systemd", "libsystemd.so.0"}) {
            try {
                return Native.load(name, LibSystemd.class);
            } catch (UnsatisfiedLinkError absent) {
                // try the next name, then fall back to libc
            }
        }
        return null;
    }
}
