// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import java.util.Optional;

/** The person at the station during a self-test, or nobody (--non-interactive). */
public interface Technician {
    /** An instruction or progress line. */
    void tell(String text);

    /** Asks a yes/no question about what they saw or heard; empty when nobody can answer. */
    Optional<Boolean> confirm(String question);
}
