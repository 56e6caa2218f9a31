// SPDX-License-Identifier: Apache-2.0
/** Database infrastructure only: connection pool, vendor, Flyway migrations, the JDBC worker executor. */
package org.unionkiosk.central.store;
