// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

/** A locker as stored: state is free, owned, opening, error or blocked; owner and since are null when free. */
public record LockerRow(String id, int size, String state, String owner, String since) {
}
