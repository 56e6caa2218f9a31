// SPDX-License-Identifier: Apache-2.0
/** Alarms: raised from station events and status, acknowledged with a note, cleared when the station says so. */
package org.unionkiosk.central.alarms;
