// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.access;

/** The station state a decision depends on, read at the moment of the scan. */
public record StationConditions(int inside, boolean lockdown, boolean clockSynced) {
}
