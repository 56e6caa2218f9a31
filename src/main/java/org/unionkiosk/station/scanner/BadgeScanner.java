// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.util.function.Consumer;

/**
 * A badge reader. The handler is called on the reader's own thread: receivers hop to their context. A reader
 * that loses its device keeps trying to reopen it until stopped.
 */
public interface BadgeScanner {
    void onScan(Consumer<BadgeScan> handler);

    void start();

    void stop();

    /** Null while the reader has its device open; otherwise what is wrong, for /health and /status. */
    String problem();

    /** Called, on the reader's thread, each time a new problem arises (device lost, stalled, flooding). */
    void onFault(Consumer<String> listener);
}
