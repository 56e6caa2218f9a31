// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette 0.17 in this process, on loopback only, in memory (no files), anonymous, telemetry off. It has no shared
 * subscriptions, so the demo's one central subscribes without a group ({@code BrokerConfig.group} null).
 */
final class EmbeddedBroker {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);
    private final Server server = new Server();
    private int port;

    /** Starts on a free loopback port; returns it. Blocking: call off the event loop. */
    int start() throws IOException {
        port = freeLoopbackPort();
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("websocket_port", "disabled");
        p.setProperty("allow_anonymous", "true");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("netty.mqtt.message_size", Integer.toString(256 * 1024));
        server.startServer(new MemoryConfig(p));
        log.info("Embedded MQTT broker (Moquette) listening on 127.0.0.1:{}", port);
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void stop() {
        server.stopServer();
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
