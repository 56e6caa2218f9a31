// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Central as the Pi reaches it: a loopback HTTP relay in front of central that can be told to hold central's
 * answers, so a test can cut the Pi's power exactly when central has spent the claim and the Pi has not heard.
 */
final class HoldingProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    final AtomicBoolean hold = new AtomicBoolean();
    final AtomicInteger answered = new AtomicInteger();
    final AtomicInteger lastStatus = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);

    HoldingProxy(int centralPort) throws IOException {
        target = "http://127.0.0.1:" + centralPort;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target + ex.getRequestURI()))
                        .method(ex.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
                                ex.getRequestBody().readAllBytes()));
                String ct = ex.getRequestHeaders().getFirst("content-type");
                if (ct != null) {
                    b.header("content-type", ct);
                }
                HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                lastStatus.set(r.statusCode());
                answered.incrementAndGet();
                if (hold.get()) {
                    release.await();
                    return;
                }
                ex.getResponseHeaders().add("content-type", r.headers().firstValue("content-type").orElse("text/plain"));
                ex.sendResponseHeaders(r.statusCode(), r.body().length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(r.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
