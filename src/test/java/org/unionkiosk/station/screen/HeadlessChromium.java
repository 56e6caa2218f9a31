// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.unionkiosk.testing.TestProcesses;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol: a real browser holding a page open, so a test
 * can watch it change live. Flags are those that work as root on this machine (no sandbox, no background network).
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    public static HeadlessChromium open(String url, Path profile) throws Exception {
        Process p = TestProcesses.start(new ProcessBuilder(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--remote-allow-origins=*", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, url))
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()));
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !p.isAlive()) {
                p.destroyForcibly();
                throw new IllegalStateException("chromium did not start: "
                        + Files.readString(profile.resolveSibling("chromium.log")));
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String wsUrl = null;
        while (wsUrl == null) {
            JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if ("page".equals(t.path("type").asText())) {
                    wsUrl = t.path("webSocketDebuggerUrl").asText();
                }
            }
            if (wsUrl == null) {
                Thread.sleep(50);
            }
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), new WebSocket.Listener() {
            private final StringBuilder buf = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                buf.append(data);
                if (last) {
                    self[0].receive(buf.toString());
                    buf.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(p, ws);
        return self[0];
    }

    private void receive(String text) {
        try {
            JsonNode msg = JSON.readTree(text);
            CompletableFuture<JsonNode> f = msg.has("id") ? pending.remove(msg.get("id").asInt()) : null;
            if (f != null) {
                f.complete(msg);
            }
        } catch (Exception e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text. */
    public String eval(String expression) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(Map.of("id", id, "method", "Runtime.evaluate",
                "params", Map.of("expression", expression, "returnByValue", true))), true);
        return f.get(10, TimeUnit.SECONDS).at("/result/result/value").asText();
    }

    @Override
    public void close() throws InterruptedException {
        socket.abort();
        TestProcesses.stop(process, 5);
    }
}
