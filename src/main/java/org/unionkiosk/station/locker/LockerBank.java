// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A bank of lockers, each with one lock output and one door-closed input. Opening is a bounded pulse on the bank's
 * bus; a lock is never left energised. Futures complete on the bus thread: callers hop back to their context.
 */
public interface LockerBank extends AutoCloseable {
    List<String> lockerIds();

    CompletableFuture<Void> open(String lockerId);

    /** Door-closed state of every locker of the bank, read in turn with the pulses. */
    CompletableFuture<Map<String, Boolean>> doorsClosed();

    /** Every lock output off. */
    @Override
    void close();
}
