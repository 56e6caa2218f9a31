// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.store;

/** The station database failed; the cause says how. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
