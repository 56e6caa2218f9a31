// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.locker;

/** What a member's scan at a locker terminal did. */
public sealed interface LockerOutcome {
    /** The locker opened; {@code assigned} when it was given to the member just now. */
    record Opened(String lockerId, boolean assigned) implements LockerOutcome {
    }

    /** The member asked to return the locker: it is freed when its door is next closed. */
    record ReleasePending(String lockerId) implements LockerOutcome {
    }

    /** The locker first chosen did not open and is out of service; {@code lockerId} was opened instead. */
    record Reassigned(String lockerId, String jammedId) implements LockerOutcome {
    }

    /** {@code why}: none_free, at_limit, fault. */
    record Refused(String why) implements LockerOutcome {
    }
}
