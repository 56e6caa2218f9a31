// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.config;

/** Fail-safe locks (maglocks) hold while powered and release on power loss; fail-secure ones (strikes) the reverse. */
public enum LockType {
    FAIL_SAFE, FAIL_SECURE;

    @Override
    public String toString() {
        return name().toLowerCase().replace('_', '-');
    }
}
