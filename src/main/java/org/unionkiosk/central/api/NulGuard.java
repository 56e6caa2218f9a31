// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * Refuses a request whose path or JSON body carries a NUL character (400). PostgreSQL cannot store NUL in text, so
 * such a value reached the database and failed as a 500; no name, id, label or note of the API needs one.
 */
final class NulGuard {
    private NulGuard() {
    }

    static void check(RoutingContext rc) {
        String path = rc.request().path();
        if (path != null && (path.indexOf('\0') >= 0 || path.toLowerCase(Locale.ROOT).contains("%00"))) {
            rc.fail(new IllegalArgumentException("path: must not contain a NUL character (%00)"));
            return;
        }
        Buffer body = rc.body() == null ? null : rc.body().buffer();
        if (body != null && hasNul(body)) {
            rc.fail(new IllegalArgumentException("body: text must not contain a NUL character (\\u0000)"));
            return;
        }
        rc.next();
    }

    /** A raw 0 byte, or a JSON escape backslash-u-0000 that is not itself an escaped backslash. */
    static boolean hasNul(Buffer b) {
        int n = b.length();
        for (int i = 0; i < n; i++) {
            byte c = b.getByte(i);
            if (c == 0) {
                return true;
            }
            if (c == '\\' && i + 1 < n) {
                byte next = b.getByte(i + 1);
                if (next == 'u' && i + 5 < n && b.getByte(i + 2) == '0' && b.getByte(i + 3) == '0'
                        && b.getByte(i + 4) == '0' && b.getByte(i + 5) == '0') {
                    return true;
                }
                i++; // skip the escaped character, so \\u0000 (a backslash, then text) is not taken for NUL
            }
        }
        return false;
    }
}
