// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.power;

/** The relays of the power outputs. Off at start and on shutdown; called on the station context. */
public interface PowerOutputs {
    void set(String id, boolean on);

    boolean isOn(String id);
}
