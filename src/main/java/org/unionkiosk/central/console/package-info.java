// SPDX-License-Identifier: Apache-2.0
/** The admin console: its pages and assets, the live feed, its read-only JSON, reports and the wall display. */
package org.unionkiosk.central.console;
