// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

/** Provisioning stopped; the message says why and what to do. {@link #exitCode} is the command's exit status. */
public final class ProvisionException extends RuntimeException {
    private final int exitCode;

    ProvisionException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    ProvisionException(String message) {
        this(message, 1);
    }

    public int exitCode() {
        return exitCode;
    }
}
