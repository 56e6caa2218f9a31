// SPDX-License-Identifier: Apache-2.0
/** Usage: hourly and daily aggregates written with the events, and the reports read from them (never from raw events). */
package org.unionkiosk.central.usage;
