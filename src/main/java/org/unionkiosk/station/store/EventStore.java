// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

import io.vertx.core.Future;
import java.util.List;
import org.unionkiosk.protocol.StationEvent;

/**
 * The durable event log. {@link #append} completes, on the caller's context, once the event is committed to disk
 * (synchronous=FULL) with its sequence number; appends arriving together share one transaction.
 */
public interface EventStore {
    Future<Long> append(StationEvent event);

    Future<List<StoredEvent>> recent(int max);
}
