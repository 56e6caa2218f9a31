// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.unionkiosk.protocol.BadgeScope;
import org.unionkiosk.protocol.Badges;
import org.unionkiosk.protocol.SigningKey;
import org.unionkiosk.station.StationConfigs;
import org.unionkiosk.station.StationProcess;

/**
 * The station's local HTTP side under attack, on the built jar with the unit's -Xmx64m: clients that never read,
 * slowloris sockets and planted files must not stop the door or the screen.
 */
@Timeout(value = 180, unit = SECONDS)
class ScreenServerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final SigningKey key = Badges.newKey();

    private StationProcess station() throws Exception {
        int port = StationProcess.freePort();
        Path cfg = StationConfigs.write(dir, key, port, StationConfigs.ACCESS);
        Path fifo = dir.resolve("scan.fifo");
        StationProcess.mkfifo(fifo);
        return StationProcess.start(cfg, fifo, port);
    }

    private static Socket connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        return s;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static JsonNode status(StationProcess st) throws Exception {
        return JSON.readTree(st.get("/status").body());
    }

    @Test
    void listenersThatNeverReadAndAScanFloodNeitherExhaustTheHeapNorStopTheDoor() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (StationProcess st = station()) {
            int port = Integer.parseInt(st.url("").replaceAll(".*:", ""));
            byte[] request = "GET /events HTTP/1.1\r\nHost: station\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 2000; i++) {
                try {
                    Socket s = connect(port, 1024);
                    sockets.add(s);
                    s.getOutputStream().write(request);
                } catch (IOException refused) {
                    // the station may close connections over its limit: that is the point
                }
            }
            try (OutputStream fifo = new FileOutputStream(dir.resolve("scan.fifo").toFile())) {
                StringBuilder junk = new StringBuilder();
                for (int i = 0; i < 1000; i++) {
                    junk.append("junk-").append(i).append("\r\n");
                }
                fifo.write(junk.toString().getBytes(StandardCharsets.US_ASCII));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> status(st).at("/lastDecision/reason").asText()
                    .equals("bad_format") && status(st).at("/occupancy/inside").isInt());

            st.scan(Badges.issue(key, Badges.card("m-1", Instant.now(), Duration.ofDays(1), BadgeScope.ALL)));

            await().atMost(Duration.ofSeconds(10)).until(() -> "granted".equals(status(st)
                    .at("/lastDecision/result").asText()));
            assertThat(st.process().isAlive()).as("station process alive (no OutOfMemoryError)").isTrue();
            assertThat(st.get("/health").statusCode()).isEqualTo(200);
            JsonNode http = status(st).get("http");
            assertThat(http.get("listeners").asInt()).isLessThanOrEqualTo(StatusStream.MAX_LISTENERS);
            assertThat(http.get("connections").asInt()).isLessThanOrEqualTo(ConnectionGuard.MAX_CONNECTIONS);
            assertThat(st.log()).doesNotContain("OutOfMemoryError").doesNotContain("RejectedExecutionException");
        } finally {
            closeAll(sockets);
        }
    }

    @Test
    void slowHeaderSocketsAreClosedAndTheStationAnswersAgain() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (StationProcess st = station()) {
            int port = Integer.parseInt(st.url("").replaceAll(".*:", ""));
            for (int i = 0; i < 200; i++) {
                Socket s = connect(port, 8192);
                sockets.add(s);
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: station\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            long deadline = System.nanoTime() + SECONDS.toNanos(ConnectionGuard.HEADER_TIMEOUT_MS / 1000 + 15);
            List<Socket> open = new ArrayList<>(sockets);
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (Socket s : List.copyOf(open)) {
                    if (closedByServer(s)) {
                        open.remove(s);
                    }
                }
                Thread.sleep(1000);
            }

            assertThat(open).as("slowloris sockets still open").isEmpty();
            assertThat(st.get("/health").statusCode()).isEqualTo(200);
        } finally {
            closeAll(sockets);
        }
    }

    /** Trickles one more header byte; true once the server has closed the socket. */
    private static boolean closedByServer(Socket s) throws IOException {
        try {
            s.getOutputStream().write('X');
            s.getOutputStream().flush();
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException closed) {
            return true;
        }
    }

    @Test
    void servesOnlyThePackagedPageNeverFilesFromTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("index.html"), "<html>planted</html>");
        Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createDirectories(dir.resolve("screen"));
        Files.writeString(dir.resolve("screen/index.html"), "<html>planted</html>");
        Files.writeString(dir.resolve("screen/secret.txt"), "secret");
        try (StationProcess st = station()) {
            assertThat(st.get("/").body()).contains("请扫码进入").doesNotContain("planted");
            assertThat(st.get("/index.html").body()).contains("请扫码进入");
            for (String path : List.of("/secret.txt", "/screen/secret.txt", "/kiosk.yaml", "/keys/union.pub",
                    "/../kiosk.yaml", "/%2e%2e/kiosk.yaml", "/data/station.db")) {
                assertThat(st.get(path).statusCode()).as(path).isEqualTo(404);
            }
        }
    }
}
