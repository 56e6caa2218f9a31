// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.telemetry;

/** A remote admission the station refused; {@code code} is a refusal reason such as {@code full} or {@code closed}. */
public final class AdmissionRefused extends RuntimeException {
    private final String code;

    public AdmissionRefused(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
