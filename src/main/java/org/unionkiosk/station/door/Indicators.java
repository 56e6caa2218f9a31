// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

/** What a member sees and hears at the door: green LED and a short beep, or red LED and a beep pattern. */
public interface Indicators {
    void showGranted();

    void showDenied();
}
