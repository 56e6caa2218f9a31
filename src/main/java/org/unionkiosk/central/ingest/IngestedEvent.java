// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One station event as central stores it.
 *
 * @param ts     the station's time of the event, epoch ms
 * @param member the member id, if the event names one (never a name or phone: those stay on central)
 * @param fields the whole envelope, for consumers that need more than the columns (usage counts)
 * @param body   the envelope as received, stored verbatim
 */
public record IngestedEvent(String site, String station, long seq, long ts, String type, String member,
                            JsonNode fields, String body, long receivedAt) {
}
