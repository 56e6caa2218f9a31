// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.http.HttpServerRequest;

/**
 * Extra local routes and a fragment appended to the screen page, chosen by the composition root. Only the simulated
 * hardware of the mock platform uses it; a real station runs with {@link #NONE}. Called on the station context.
 */
public interface ScreenExtension {
    ScreenExtension NONE = new ScreenExtension() {
        @Override
        public boolean handle(HttpServerRequest req) {
            return false;
        }

        @Override
        public String pageFragment() {
            return "";
        }
    };

    /** Answers the request and returns true when it is one of this extension's; false leaves it to the screen. */
    boolean handle(HttpServerRequest req);

    /** HTML inserted before the page's closing body tag. */
    String pageFragment();
}
