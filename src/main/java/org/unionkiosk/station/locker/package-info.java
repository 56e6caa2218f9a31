// SPDX-License-Identifier: Apache-2.0
/** Locker banks: lock outputs and door-closed inputs on MCP23017 expanders or GPIO, pulses bounded and serialised. */
package org.unionkiosk.station.locker;
