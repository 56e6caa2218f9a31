// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

import java.util.EnumSet;
import java.util.Set;

/** A user's role; what each may do is {@link #may}. The API and the console check the same rules. */
public enum Role {
    ADMIN(EnumSet.allOf(Permission.class)),
    TECHNICIAN(EnumSet.of(Permission.READ, Permission.COMMAND, Permission.PROVISION)),
    VIEWER(EnumSet.of(Permission.READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = permissions;
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    /** The role named {@code text} (admin, technician, viewer), or null. */
    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.toString().equals(text)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
