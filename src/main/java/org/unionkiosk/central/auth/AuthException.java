// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

/** A request that authentication or authorisation refuses; {@link #status()} is the HTTP status. */
public final class AuthException extends RuntimeException {
    /** Why. */
    public enum Kind {
        NO_SESSION(401), BAD_CREDENTIALS(401), FORBIDDEN(403), CSRF(403), RATE_LIMITED(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public AuthException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status;
    }
}
