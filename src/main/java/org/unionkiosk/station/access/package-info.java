// SPDX-License-Identifier: Apache-2.0
/** Whether a scanned text opens the door: badge verification plus station policy, each refusal with its reason. */
package org.unionkiosk.station.access;
