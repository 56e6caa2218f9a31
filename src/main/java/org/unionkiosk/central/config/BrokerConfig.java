// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The broker link. {@code clientId} must be stable per instance and unique among instances: the broker keeps the
 * persistent session (and what arrives while this instance is down) under it. Instances in one {@code group}
 * split the stations' events between them. A null {@code group} subscribes without sharing: for one instance on a
 * broker that has no shared subscriptions (the demo's embedded Moquette 0.17).
 */
public record BrokerConfig(String url, String clientId, String group, String username, char[] password) {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern GROUP = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    public static final String DEFAULT_GROUP = "central";

    public BrokerConfig {
        List<String> p = new ArrayList<>();
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            p.add("url: must be tcp://HOST:PORT or ssl://HOST:PORT, was '" + url + "'");
        }
        if (clientId == null || !CLIENT_ID.matcher(clientId).matches()) {
            p.add("clientId: must be 1..64 letters, digits, '.', '_' or '-', stable and unique per instance, was '"
                    + clientId + "'");
        }
        if (group != null && !GROUP.matcher(group).matches()) {
            p.add("group: must be 1..32 letters, digits, '_' or '-', was '" + group + "'");
        }
        ConfigException.throwIfAny(p);
    }

    /**
     * Events and answers through the shared subscription (one instance takes each). State, status and reported
     * config without sharing: brokers send retained messages only to plain subscriptions, and every instance
     * needs the current presence; applying them is idempotent.
     */
    public List<String> subscriptions() {
        String shared = (group == null ? "" : "$share/" + group + "/") + "kiosk/v1/+/+/";
        return List.of(shared + "evt/#", shared + "res/+", "kiosk/v1/+/+/state", "kiosk/v1/+/+/status",
                "kiosk/v1/+/+/config/reported", "kiosk/v1/+/+/selftest");
    }

    @Override
    public String toString() {
        return "BrokerConfig[url=" + url + ", clientId=" + clientId + ", group=" + group + ", username=" + username
                + ", password=" + (password == null ? "none" : "<redacted>") + "]";
    }
}
