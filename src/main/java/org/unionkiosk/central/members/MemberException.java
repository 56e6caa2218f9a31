// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

/** A member request refused: 400 naming {@code field}, 404 when {@code field} is null, 409 for a taken id. */
public final class MemberException extends RuntimeException {
    private final int status;
    private final String field;

    MemberException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
