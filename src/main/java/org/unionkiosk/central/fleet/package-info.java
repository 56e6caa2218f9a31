// SPDX-License-Identifier: Apache-2.0
/** Stations: presence from births and wills, last status, reported config, staleness. */
package org.unionkiosk.central.fleet;
