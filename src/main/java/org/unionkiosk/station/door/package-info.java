// SPDX-License-Identifier: Apache-2.0
/** The door: lock relay, contact, exit button, tamper and fire inputs, LEDs and buzzer, and the state machine. */
package org.unionkiosk.station.door;
