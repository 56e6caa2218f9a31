// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** The self-test's verdict: a table for the technician, JSON for automation, and the exit status. */
public record SelfTestReport(String station, Instant at, List<CheckResult> results) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SelfTestReport {
        results = List.copyOf(results);
    }

    public long count(CheckResult.Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** Skipped checks do not fail the test: they could not be run here, and the table says so. */
    public boolean passed() {
        return count(CheckResult.Outcome.FAIL) == 0;
    }

    /** 0 when nothing failed, 1 otherwise (78, a configuration error, never gets this far). */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    public String table() {
        int width = results.stream().mapToInt(r -> r.what().length()).max().orElse(4);
        StringBuilder s = new StringBuilder("Self-test of " + station + " at " + at + "\n\n");
        s.append(String.format("%-6s %-" + width + "s  %s%n", "RESULT", "PART", "DETAIL"));
        for (CheckResult r : results) {
            s.append(String.format("%-6s %-" + width + "s  %s%n", r.outcome().toString().toUpperCase(), r.what(),
                    r.detail()));
            if (r.fix() != null) {
                s.append(String.format("%-6s %-" + width + "s  fix: %s%n", "", "", r.fix()));
            }
        }
        s.append(String.format("%n%d passed, %d failed, %d skipped: %s%n", count(CheckResult.Outcome.PASS),
                count(CheckResult.Outcome.FAIL), count(CheckResult.Outcome.SKIP), passed() ? "PASS" : "FAIL"));
        return s.toString();
    }

    /** The union-kiosk release that ran the test, as the station's state reports it. */
    private static String version() {
        String v = SelfTestReport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("station", station);
        root.put("at", at.toString());
        root.put("version", version());
        root.put("passed", passed());
        ObjectNode counts = root.putObject("counts");
        for (CheckResult.Outcome o : CheckResult.Outcome.values()) {
            counts.put(o.toString(), count(o));
        }
        ArrayNode list = root.putArray("results");
        for (CheckResult r : results) {
            ObjectNode n = list.addObject();
            n.put("name", r.what());
            n.put("ok", r.outcome() == CheckResult.Outcome.PASS);
            n.put("part", r.part());
            n.put("what", r.what());
            n.put("result", r.outcome().toString());
            n.put("detail", r.detail());
            if (r.fix() != null) {
                n.put("fix", r.fix());
            }
        }
        return root.toString();
    }
}
