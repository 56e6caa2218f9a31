// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

/** A printed card lives for months; a phone code is re-signed every ~30 s and may be used once. */
public enum BadgeKind {
    CARD(1), PHONE(2);

    final int wire;

    BadgeKind(int wire) {
        this.wire = wire;
    }

    static BadgeKind fromWire(long v) {
        for (BadgeKind k : values()) {
            if (k.wire == v) {
                return k;
            }
        }
        return null;
    }
}
