// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

/** An event as stored, with its station-wide sequence number. */
public record StoredEvent(long seq, String ts, String type, String body) {
}
