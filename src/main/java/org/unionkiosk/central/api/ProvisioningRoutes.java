// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Base64;
import org.unionkiosk.central.auth.Permission;
import org.unionkiosk.central.provisioning.ClaimQr;
import org.unionkiosk.central.provisioning.Provisioning;

/**
 * Provisioning: claims are made by technicians and admins and listed for every role; the Pi's enrolment is at
 * {@code POST /provision/enrol}, outside {@code /api} because it has no session: the claim's secret is its
 * credential.
 */
public final class ProvisioningRoutes {
    public static final String ENROL = "/provision/enrol";
    private static final int ENROL_BODY_LIMIT = 4096;

    private final Provisioning provisioning;

    public ProvisioningRoutes(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    public void addTo(Api.Routes r) {
        r.on("listProvisioning", Permission.READ, (rc, u) -> provisioning.overview());
        r.on("createClaim", Permission.PROVISION, (rc, u) -> {
            var b = Api.body(rc);
            return provisioning.createClaim(u.name(), u.address(), b.getString("site"), b.getString("station"),
                    b.getJsonObject("config")).map(c -> new Api.Reply(201, c.toJson()
                    .put("qrPng", Base64.getEncoder().encodeToString(ClaimQr.png(c.code())))));
        });
    }

    /** The enrolment route; add it before the router's catch-all. */
    public void mountEnrol(Router router) {
        router.post(ENROL).handler(BodyHandler.create(false).setBodyLimit(ENROL_BODY_LIMIT));
        router.post(ENROL).handler(rc -> provisioning.enrol(rc.body().asString(), rc.request().remoteAddress()
                == null ? null : rc.request().remoteAddress().hostAddress()).onSuccess(answer -> rc.response()
                .putHeader("content-type", "application/json; charset=utf-8").putHeader("cache-control", "no-store")
                .end(answer.encode())).onFailure(rc::fail));
    }
}
