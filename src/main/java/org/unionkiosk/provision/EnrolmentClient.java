// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import org.unionkiosk.protocol.ProvisioningCode;
import org.unionkiosk.protocol.TrustedKey;

/**
 * Enrols over HTTPS with central ({@code POST /provision/enrol}), trusting central by the system's CA store. A
 * refusal (used, expired, unknown claim) becomes a {@link ProvisionException} carrying central's own words.
 */
final class EnrolmentClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    JsonNode enrol(ProvisioningCode code, TrustedKey stationKey, String serial) {
        String body = JSON.createObjectNode().put("claim", code.secret())
                .put("publicKey", Base64.getEncoder().encodeToString(stationKey.publicKey())).put("serial", serial)
                .toString();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(code.enrolUri()).timeout(Duration.ofSeconds(60))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProvisionException("cannot reach central at " + code.central() + " (" + e
                    + "): check the network and DNS, then run provision again (it resumes)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException("interrupted while enrolling: run provision again (it resumes)");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(r.body());
        } catch (IOException e) {
            answer = null;
        }
        if (r.statusCode() == 200 && answer != null && answer.isObject()) {
            return answer;
        }
        String why = answer != null && answer.path("message").isTextual() ? answer.get("message").asText()
                : "HTTP " + r.statusCode();
        String code2 = answer == null ? "" : answer.path("error").asText("");
        throw new ProvisionException("central refused the " + (code2.startsWith("claim_") ? "claim" : "enrolment")
                + ": " + why);
    }
}
