// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.scanner;

import java.time.Instant;
import org.unionkiosk.station.config.ScannerConfig;

/** One code read by a scanner; {@code text} is untrusted input. */
public record BadgeScan(String scannerId, ScannerConfig.Role role, String text, Instant at) {
}
