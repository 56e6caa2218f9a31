// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

/** What an API operation needs. */
public enum Permission {
    /** See stations, events, usage, commands; members with masked phones. */
    READ,
    /** Send station commands (unlock, lockdown, rebirth, config). */
    COMMAND,
    /** Make one-time provisioning claims for new stations. */
    PROVISION,
    /** Register members, issue, revoke and suspend badges, export and erase personal data. */
    MANAGE_MEMBERS,
    /** Add users and read the audit log. */
    MANAGE_USERS
}
