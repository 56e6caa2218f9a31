// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.store;

/** A database operation failed (connection, SQL, migration). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
