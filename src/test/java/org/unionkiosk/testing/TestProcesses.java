// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.testing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Owns every process a test starts (broker, station jar, Chromium, socat, tools). Start them with
 * {@link #start(ProcessBuilder)}: a process started in a test method is stopped with its descendants after that
 * method, one started in {@code @BeforeAll} after its class, whether the test passed, failed or timed out; and
 * whatever is still alive when the test JVM exits is killed by a shutdown hook. Registered for every test through
 * {@code META-INF/services} (extension autodetection), so no test can forget it. Tests run one at a time.
 */
public final class TestProcesses implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private static final Object LOCK = new Object();
    private static final Deque<List<Process>> SCOPES = new ArrayDeque<>();
    private static final List<Process> OUTSIDE_ANY_TEST = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestProcesses::stopEverything, "test-processes"));
    }

    /** Starts {@code builder} and owns the process until the current test or class ends. */
    public static Process start(ProcessBuilder builder) throws IOException {
        synchronized (LOCK) {
            Process p = builder.start();
            (SCOPES.isEmpty() ? OUTSIDE_ANY_TEST : SCOPES.peek()).add(p);
            return p;
        }
    }

    /** Stops {@code p} and everything it started: politely, then by force after {@code graceSeconds}. */
    public static void stop(Process p, int graceSeconds) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(graceSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        close();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        close();
    }

    private static void open() {
        synchronized (LOCK) {
            SCOPES.push(new ArrayList<>());
        }
    }

    private static void close() throws InterruptedException {
        List<Process> owned;
        synchronized (LOCK) {
            owned = SCOPES.isEmpty() ? List.of() : SCOPES.pop();
        }
        for (Process p : owned) {
            if (p.isAlive() || p.descendants().findAny().isPresent()) {
                stop(p, 5);
            }
        }
    }

    private static void stopEverything() {
        List<Process> all = new ArrayList<>(OUTSIDE_ANY_TEST);
        SCOPES.forEach(all::addAll);
        for (Process p : all) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
