// SPDX-License-Identifier: Apache-2.0
/** Phone entry at the station: the door QR (a station-signed token in central's URL) on the screen. */
package org.unionkiosk.station.phone;
