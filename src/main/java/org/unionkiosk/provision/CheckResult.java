// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

/**
 * One line of the self-test report.
 *
 * @param part   the config key of what was tested, e.g. {@code door.contact} or {@code scanners[0]}
 * @param what   what it is and where it is wired, e.g. "door contact (BCM 27)"
 * @param detail what was seen
 * @param fix    the likely fix when it failed, naming the wiring and the config key; null otherwise
 */
public record CheckResult(String part, String what, Outcome outcome, String detail, String fix) {
    /** SKIP: could not be tested here (nobody to act on an input, nothing configured for it); not a failure. */
    public enum Outcome {
        PASS, FAIL, SKIP;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    static CheckResult pass(String part, String what, String detail) {
        return new CheckResult(part, what, Outcome.PASS, detail, null);
    }

    static CheckResult fail(String part, String what, String detail, String fix) {
        return new CheckResult(part, what, Outcome.FAIL, detail, fix);
    }

    static CheckResult skip(String part, String what, String detail) {
        return new CheckResult(part, what, Outcome.SKIP, detail, null);
    }
}
