// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import io.vertx.core.Future;

/**
 * Takes a non-event station message (state, status, answer, reported config). The message is acknowledged to the
 * broker when the returned future succeeds, so it must complete only once the effect is committed. A payload the
 * handler cannot use fails with {@link RejectedPayload}; it is then kept in the rejects table.
 */
public interface TopicHandler {
    Future<Void> handle(StationTopic topic, byte[] payload, long receivedAt);

    /** The payload is unusable; {@code reason} is a rejects reason code. */
    final class RejectedPayload extends RuntimeException {
        private final String reason;

        public RejectedPayload(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }
}
