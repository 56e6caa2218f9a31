// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import io.vertx.core.http.HttpServerRequest;

/**
 * Extra local routes and a fragment appended to the screen page, chosen by the composition root: the door QR of
 * phone entry, and the simulated hardware of the mock platform; a station with neither runs with {@link #NONE}.
 * Called on the station context.
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

    /** Both extensions: {@code first} answers before {@code second}; fragments in that order. */
    static ScreenExtension both(ScreenExtension first, ScreenExtension second) {
        return new ScreenExtension() {
            @Override
            public boolean handle(HttpServerRequest req) {
                return first.handle(req) || second.handle(req);
            }

            @Override
            public String pageFragment() {
                return first.pageFragment() + second.pageFragment();
            }
        };
    }

    /** Answers the request and returns true when it is one of this extension's; false leaves it to the screen. */
    boolean handle(HttpServerRequest req);

    /** HTML inserted before the page's closing body tag. */
    String pageFragment();
}
