// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Failed-login limits per account and per address over a sliding window: a password-guessing storm is refused
 * with 429 before any Argon2 work is spent on it. In memory on the HTTP context (one per instance).
 */
final class LoginLimiter {
    static final int PER_ACCOUNT = 5;
    static final int PER_ADDRESS = 20;
    static final long WINDOW_MS = 15 * 60_000L;
    private static final int MAX_KEYS = 100_000;

    private final Clock clock;
    private final Map<String, Deque<Long>> failures = new HashMap<>();

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    boolean allowed(String account, String address) {
        long now = clock.millis();
        return count("u:" + account, now) < PER_ACCOUNT && count("a:" + address, now) < PER_ADDRESS;
    }

    void failed(String account, String address) {
        long now = clock.millis();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(d -> d.isEmpty() || d.peekLast() < now - WINDOW_MS);
        }
        failures.computeIfAbsent("u:" + account, k -> new ArrayDeque<>()).add(now);
        failures.computeIfAbsent("a:" + address, k -> new ArrayDeque<>()).add(now);
    }

    void succeeded(String account) {
        failures.remove("u:" + account);
    }

    private int count(String key, long now) {
        Deque<Long> d = failures.get(key);
        if (d == null) {
            return 0;
        }
        while (!d.isEmpty() && d.peekFirst() < now - WINDOW_MS) {
            d.pollFirst();
        }
        return d.size();
    }
}
