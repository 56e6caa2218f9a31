// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.api;

/** A request the API refuses with a status of its own: 400 naming {@code field}, or 404. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String field;

    private ApiException(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, field, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, null, message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
