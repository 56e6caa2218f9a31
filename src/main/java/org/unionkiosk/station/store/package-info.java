// SPDX-License-Identifier: Apache-2.0
/** The station's SQLite file: events and outbox, trusted keys, revocations, counters. The only JDBC user. */
package org.unionkiosk.station.store;
