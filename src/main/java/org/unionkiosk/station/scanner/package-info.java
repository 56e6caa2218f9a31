// SPDX-License-Identifier: Apache-2.0
/** Badge readers behind one seam that yields scanned text; each reader has a role (entry or exit). */
package org.unionkiosk.station.scanner;
