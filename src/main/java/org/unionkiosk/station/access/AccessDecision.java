// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.access;

import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.RefusalReason;

/** The outcome of one scan. {@code badgeRef} is a short hash of the scanned text, safe to log. */
public sealed interface AccessDecision {
    String badgeRef();

    record Granted(String badgeRef, BadgeClaims claims) implements AccessDecision {
    }

    record Denied(String badgeRef, RefusalReason reason, String detail) implements AccessDecision {
    }
}
