// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.nio.file.Path;

/** Where the shared test data lives: ../shared/testdata beside the checkout, or -Dunionkiosk.testdata. */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        return Path.of(System.getProperty("unionkiosk.testdata", "../shared/testdata"));
    }
}
