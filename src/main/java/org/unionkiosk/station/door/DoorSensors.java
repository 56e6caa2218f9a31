// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.door;

import java.util.function.Consumer;

/**
 * The door's inputs. The listener is called on whatever thread the GPIO driver uses: the receiver must hop to its
 * own context before touching state.
 */
public interface DoorSensors {
    void onSignal(Consumer<DoorSignal> listener);

    boolean doorOpen();

    boolean tamperActive();

    boolean fireAlarmActive();
}
