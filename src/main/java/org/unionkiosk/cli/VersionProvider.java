// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"union-kiosk " + (v == null ? "dev" : v)};
    }
}
