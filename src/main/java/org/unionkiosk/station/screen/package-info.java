// SPDX-License-Identifier: Apache-2.0
/** The station's local HTTP side: the screen page for an attached display, /health and /status. */
package org.unionkiosk.station.screen;
