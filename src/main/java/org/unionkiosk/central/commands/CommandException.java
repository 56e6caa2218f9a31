// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.commands;

/** A command request that cannot be sent; {@code field} names what is wrong (for a 400), or null for 404/503. */
public final class CommandException extends RuntimeException {
    /** Why. */
    public enum Kind { BAD_REQUEST, UNKNOWN_STATION, BROKER_DOWN }

    private final Kind kind;
    private final String field;

    public CommandException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
