// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

/** A problem the user can fix, printed as one line (no stack trace) with exit status 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
