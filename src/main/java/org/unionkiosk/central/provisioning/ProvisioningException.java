// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.provisioning;

/** A claim or enrolment central refuses; {@link Kind} gives the HTTP status and the code the Pi shows. */
public final class ProvisioningException extends RuntimeException {
    /** Why. */
    public enum Kind {
        BAD_REQUEST(400), CLAIM_UNKNOWN(404), CLAIM_USED(409), CLAIM_EXPIRED(410), NOT_CONFIGURED(503),
        BROKER(502);

        public final int status;

        Kind(int status) {
            this.status = status;
        }

        public String code() {
            return name().toLowerCase();
        }
    }

    private final Kind kind;
    private final String field;

    ProvisioningException(Kind kind, String field, String message) {
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
