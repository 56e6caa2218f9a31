// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * The console's request bodies, read so that a body that is not a JSON object, or a field of the wrong type, is a
 * 400 naming the field (the error handler maps "field: message" to 400), never a 500. These routes are outside
 * the OpenAPI contract, so nothing validated the body before.
 */
final class JsonBody {
    private JsonBody() {
    }

    /** The body as an object; an empty body is an empty object. */
    static JsonObject object(RoutingContext rc) {
        Buffer b = rc.body().buffer();
        if (b == null || b.length() == 0) {
            return new JsonObject();
        }
        try {
            return new JsonObject(b);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("body: must be a JSON object");
        }
    }

    /** A text field, or null when absent or null. */
    static String text(JsonObject b, String key) {
        Object v = b.getValue(key);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException(key + ": must be a string");
    }
}
