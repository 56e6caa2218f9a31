// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

/** The offline verdict on a scanned text: a genuine, currently valid badge, or a refusal with its reason. */
public sealed interface BadgeVerdict {

    record Valid(BadgeClaims claims, String kid) implements BadgeVerdict {
    }

    /** @param detail for logs and the technician, never shown to the member */
    record Refused(RefusalReason reason, String detail) implements BadgeVerdict {
    }
}
