// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.unionkiosk.central.provisioning.ProvisioningConfig;

/**
 * Everything in central.yaml ({@code provisioning} null when absent); see docs/central.md for every key, default and
 * range.
 */
public record CentralConfig(String instance, HttpConfig http, BrokerConfig broker, DatabaseConfig database,
                            IngestConfig ingest, FleetConfig fleet, UsageConfig usage,
                            Secrets secrets, PhoneEntryConfig phone, ProvisioningConfig provisioning) {
    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final String DEFAULT_INSTANCE = "central-1";

    public CentralConfig {
        List<String> p = new ArrayList<>();
        if (instance == null || !INSTANCE.matcher(instance).matches()) {
            p.add("instance: must be 1..32 lower-case letters, digits or '-', unique per central process, was '"
                    + instance + "'");
        }
        ConfigException.throwIfAny(p);
    }
}
