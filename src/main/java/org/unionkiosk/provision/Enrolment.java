// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Central's answer to an enrolment, as the Pi keeps it until the station's files are written. */
record Enrolment(String site, String station, String identity, boolean retiredPrevious, String brokerUrl,
                 String brokerUsername, String brokerPassword, String brokerCaPem, List<String> badgeKeys,
                 List<String> commandKeys, ObjectNode config) {

    static Enrolment from(JsonNode n) {
        JsonNode m = n.path("mqtt");
        Enrolment e = new Enrolment(n.path("site").asText(null), n.path("station").asText(null),
                n.path("identity").asText(null), n.path("retiredPrevious").asBoolean(false), m.path("url").asText(null),
                m.path("username").asText(null), m.path("password").asText(null),
                m.path("caPem").isTextual() ? m.get("caPem").asText() : null, texts(n.path("badgeKeys")),
                texts(n.path("commandKeys")), n.path("config").isObject() ? (ObjectNode) n.get("config") : null);
        if (e.site == null || e.station == null || e.brokerUrl == null || e.brokerPassword == null
                || e.badgeKeys.isEmpty() || e.commandKeys.isEmpty()) {
            throw new ProvisionException("central's answer lacks the station id, broker account or keys: is central "
                    + "the same version as this station?");
        }
        return e;
    }

    private static List<String> texts(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(x -> out.add(x.asText()));
        return out;
    }

    String ref() {
        return site + "/" + station;
    }

    @Override
    public String toString() {
        return "Enrolment[" + ref() + ", identity=" + identity + ", broker=" + brokerUrl + ", password=<redacted>]";
    }
}
