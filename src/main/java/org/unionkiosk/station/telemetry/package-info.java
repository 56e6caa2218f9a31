// SPDX-License-Identifier: Apache-2.0
/** The station's MQTT side: Paho link with our own reconnect loop, birth and will, the SQLite outbox, status,
 *  and signed remote commands. */
package org.unionkiosk.station.telemetry;
