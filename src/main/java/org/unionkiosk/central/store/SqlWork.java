// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection on a database worker thread. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
