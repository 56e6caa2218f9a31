// SPDX-License-Identifier: Apache-2.0
/** Simulated hardware on Pi4J's mock platform: inputs a person or the demo can move, outputs they can see. */
package org.unionkiosk.station.sim;
