// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.members.Members;

/** The member and badge operations. Reading is for every role (phones masked); changing is for admins. */
public final class MemberRoutes {
    private final Members members;

    public MemberRoutes(Members members) {
        this.members = members;
    }

    public void addTo(Api.Routes r) {
        r.on("listMembers", Permission.READ, (rc, u) -> members.list(Api.limit(rc)));
        r.on("registerMember", Permission.MANAGE_MEMBERS, (rc, u) -> members.register(u, Api.body(rc))
                .map(m -> new Api.Reply(201, m)));
        r.on("getMember", Permission.READ, (rc, u) -> members.get(Api.path(rc, "member")));
        r.on("listBadges", Permission.READ, (rc, u) -> members.badges(Api.path(rc, "member")));
        r.on("issueBadge", Permission.MANAGE_MEMBERS, (rc, u) -> {
            JsonObject b = Api.body(rc);
            return members.issueBadge(u, Api.path(rc, "member"), b.getInteger("validDays", 365), b.getString("scope"))
                    .map(x -> new Api.Reply(201, x));
        });
        r.on("badgeQr", Permission.MANAGE_MEMBERS, (rc, u) -> members.qr(u, Api.path(rc, "badge")).compose(png -> {
            rc.response().putHeader("content-type", "image/png").putHeader("cache-control", "no-store")
                    .end(Buffer.buffer(png));
            return Future.succeededFuture();
        }));
        r.on("revokeBadge", Permission.MANAGE_MEMBERS, (rc, u) -> members.revokeBadge(u, Api.path(rc, "badge"))
                .map(id -> new JsonObject().put("desiredId", id)));
        r.on("suspendMember", Permission.MANAGE_MEMBERS, (rc, u) -> members.suspend(u, Api.path(rc, "member"))
                .map(id -> new JsonObject().put("desiredId", id)));
        r.on("exportMember", Permission.MANAGE_MEMBERS, (rc, u) -> members.export(u, Api.path(rc, "member")));
        r.on("eraseMember", Permission.MANAGE_MEMBERS, (rc, u) -> members.erase(u, Api.path(rc, "member")));
    }
}
