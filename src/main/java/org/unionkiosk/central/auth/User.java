// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.auth;

/** A signed-in user as a request sees it; {@code csrfToken} must accompany every state-changing request. */
public record User(String name, Role role, String address, String csrfToken) {
    public boolean may(Permission p) {
        return role.may(p);
    }
}
