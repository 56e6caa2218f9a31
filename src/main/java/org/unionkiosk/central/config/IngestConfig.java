// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How ingest batches its writes. A batch is committed when it holds {@code batchSize} messages or its oldest
 * message has waited {@code batchDelayMs}; messages are acknowledged to the broker only after that commit.
 *
 * @param maxPayloadBytes a larger payload is rejected (kept truncated in the rejects table), never parsed
 */
public record IngestConfig(int batchSize, int batchDelayMs, int maxPayloadBytes) {
    public static final int DEFAULT_BATCH = 1000;
    public static final int DEFAULT_DELAY_MS = 20;
    public static final int DEFAULT_MAX_PAYLOAD = 16384;

    public IngestConfig {
        List<String> p = new ArrayList<>();
        ConfigException.range(p, "batchSize", batchSize, 1, 10000);
        ConfigException.range(p, "batchDelayMs", batchDelayMs, 1, 5000);
        ConfigException.range(p, "maxPayloadBytes", maxPayloadBytes, 256, 1 << 20);
        ConfigException.throwIfAny(p);
    }
}
