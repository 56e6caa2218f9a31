// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.unionkiosk.central.ApiClient;

/** Binary GETs with an API client's session. */
final class ApiClientBytes {
    private ApiClientBytes() {
    }

    static byte[] get(ApiClient client, int port, String path) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("cookie", client.cookie()).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
}
