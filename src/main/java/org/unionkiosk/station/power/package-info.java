// SPDX-License-Identifier: Apache-2.0
/** Power that follows occupancy: lights, appliances and air conditioning switched by schedule, entries and fire. */
package org.unionkiosk.station.power;
