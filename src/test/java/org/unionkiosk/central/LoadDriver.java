// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.unionkiosk.protocol.StationEvent;
import org.unionkiosk.protocol.Topics;

/**
 * Publishes like a fleet of stations: the real envelope ({@link StationEvent#envelope}) on {@code …/evt/{type}},
 * QoS 1, with the stations' delivery rule — an event counts as sent only after the broker's PUBACK, and every
 * unacknowledged one is sent again after a reconnect (so central sees duplicates, never gaps). Several stations
 * share one connection, as a load generator must, but each keeps its own seq.
 */
public final class LoadDriver implements AutoCloseable {
    private static final String[] TYPES = {"access.granted", "door.unlocked", "door.opened", "door.closed",
            "occupancy.entered", "door.locked", "access.denied", "occupancy.exited"};

    private final String url;
    private final int stations;
    private final int connections;
    private final int window;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    public final AtomicLong acked = new AtomicLong();
    public final AtomicLong resent = new AtomicLong();

    public LoadDriver(String url, int stations, int connections, int window) {
        this.url = url;
        this.stations = stations;
        this.connections = connections;
        this.window = window;
    }

    public static String station(int i) {
        return "st-" + String.format("%04d", i);
    }

    public static String site(int i) {
        return "site-" + (i % 5);
    }

    /** The envelope of event {@code seq} of station {@code i}. */
    public static String envelope(int i, long seq) {
        String type = TYPES[(int) (seq % TYPES.length)];
        String fields = type.startsWith("access") ? "{\"member\":\"m-" + (seq % 97) + "\",\"badge\":\"b" + seq
                + "\"" + (type.equals("access.denied") ? ",\"reason\":\"revoked\"" : "") + "}" : "{}";
        return StationEvent.envelope(site(i) + "/" + station(i), seq, Instant.now().toString(), type, fields);
    }

    public static String topic(int i, long seq) {
        return new Topics(site(i), station(i)).event(TYPES[(int) (seq % TYPES.length)]);
    }

    /**
     * Publishes events 1..perStation of every station, spread over the connections, and returns when all are
     * acknowledged by the broker. Survives broker restarts.
     */
    public void run(long perStation, long timeoutMs) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int conn = c;
            Thread t = new Thread(() -> {
                try {
                    runConnection(conn, perStation, System.currentTimeMillis() + timeoutMs);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("load driver failed", errors.get(0));
        }
    }

    private void runConnection(int conn, long perStation, long deadline) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(url, "load-" + conn + "-" + System.nanoTime(),
                new MemoryPersistence());
        synchronized (clients) {
            clients.add(client);
        }
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        o.setMaxInflight(window + 10);
        connect(client, o, deadline);
        // Round-robin over this connection's stations, one event each, so stations interleave as in a fleet.
        List<Integer> mine = new ArrayList<>();
        for (int i = conn; i < stations; i += connections) {
            mine.add(i);
        }
        Deque<long[]> pending = new ArrayDeque<>(); // station, seq
        for (long seq = 1; seq <= perStation; seq++) {
            for (int i : mine) {
                pending.add(new long[] {i, seq});
            }
        }
        Semaphore slots = new Semaphore(window);
        java.util.Map<Long, long[]> inflight = new java.util.concurrent.ConcurrentHashMap<>();
        List<long[]> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        while (!pending.isEmpty() || slots.availablePermits() < window) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("load driver timed out with " + pending.size() + " unsent");
            }
            synchronized (failed) {
                if (!failed.isEmpty()) {
                    resent.addAndGet(failed.size());
                    failed.forEach(pending::addFirst);
                    failed.clear();
                }
            }
            if (!client.isConnected()) {
                // As the station outbox does: everything unacknowledged goes again, from the oldest.
                for (Long key : new ArrayList<>(inflight.keySet())) {
                    long[] e = inflight.remove(key);
                    if (e != null) {
                        failed.add(e);
                        slots.release();
                    }
                }
                connect(client, o, deadline);
                continue;
            }
            long[] next = pending.poll();
            if (next == null) {
                Thread.sleep(5);
                continue;
            }
            if (!slots.tryAcquire(1, TimeUnit.SECONDS)) {
                pending.addFirst(next);
                continue;
            }
            int i = (int) next[0];
            long key = next[0] * 1_000_000_000L + next[1];
            inflight.put(key, next);
            try {
                client.publish(topic(i, next[1]), envelope(i, next[1]).getBytes(StandardCharsets.UTF_8), 1, false,
                        null, new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                if (inflight.remove(key) != null) {
                                    acked.incrementAndGet();
                                    slots.release();
                                }
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                if (inflight.remove(key) != null) {
                                    failed.add(next);
                                    slots.release();
                                }
                            }
                        });
            } catch (Exception e) {
                if (inflight.remove(key) != null) {
                    failed.add(next);
                    slots.release();
                }
            }
        }
        client.disconnect().waitForCompletion(5000);
        client.close();
    }

    private static void connect(MqttAsyncClient client, MqttConnectOptions o, long deadline) throws Exception {
        while (true) {
            try {
                client.connect(o).waitForCompletion(5000);
                return;
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        synchronized (clients) {
            for (MqttAsyncClient c : clients) {
                try {
                    if (c.isConnected()) {
                        c.disconnectForcibly(0, 500);
                    }
                    c.close(true);
                } catch (Exception ignored) {
                    // Test teardown.
                }
            }
        }
    }
}
