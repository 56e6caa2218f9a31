// SPDX-License-Identifier: Apache-2.0
/** How many people are inside: entries and exits counted at the door, never negative, reset daily. */
package org.unionkiosk.station.occupancy;
