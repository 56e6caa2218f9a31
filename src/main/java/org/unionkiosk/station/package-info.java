// SPDX-License-Identifier: Apache-2.0
/** The station controller process: composition root and the verticle that owns the station's state. */
package org.unionkiosk.station;
