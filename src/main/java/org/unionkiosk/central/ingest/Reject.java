// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

/**
 * A message central refused to store as an event, kept in the rejects table with why.
 *
 * @param reason {@code oversized}, {@code malformed}, {@code topic_mismatch}, {@code unknown_type} or
 *               {@code unknown_topic}
 */
public record Reject(String topic, String reason, String detail, String payload, long receivedAt) {
    /** Payload text kept per reject, so a flood of huge payloads cannot fill the disk. */
    static final int KEEP_CHARS = 2048;

    static Reject of(String topic, String reason, String detail, byte[] payload, long receivedAt) {
        String text = new String(payload, 0, Math.min(payload.length, KEEP_CHARS * 4),
                java.nio.charset.StandardCharsets.UTF_8);
        return new Reject(topic, reason, detail, text.length() > KEEP_CHARS ? text.substring(0, KEEP_CHARS) : text,
                receivedAt);
    }
}
