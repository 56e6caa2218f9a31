// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Told, inside ingest's transaction, which events were newly stored (duplicates excluded), so derived data such as
 * usage aggregates commits or rolls back with the events themselves and is never counted twice.
 */
public interface EventSink {
    void stored(Connection c, List<IngestedEvent> events) throws SQLException;
}
