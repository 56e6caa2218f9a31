// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test data copied into the repository from outside the project (src/test/resources/testdata, with licences). */
public final class TestData {
    private TestData() {
    }

    public static Path dir() {
        URL url = TestData.class.getResource("/testdata/README.md");
        if (url == null) {
            throw new IllegalStateException("testdata/README.md is not on the test class path");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
