// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.occupancy;

/**
 * People inside now, and entries and exits since the last daily reset. Confined to one context. The daily reset
 * clears people who left without being counted (tailgating out, a propped door) so the count cannot drift.
 */
public final class OccupancyCounter {
    private int inside;
    private int entries;
    private int exits;

    public OccupancyCounter(int inside) {
        this.inside = Math.max(0, inside);
    }

    public void entered() {
        inside++;
        entries++;
    }

    /** Never below zero: an exit with nobody counted inside is someone who entered uncounted. */
    public void exited() {
        exits++;
        if (inside > 0) {
            inside--;
        }
    }

    public void resetDaily() {
        inside = 0;
        entries = 0;
        exits = 0;
    }

    public int inside() {
        return inside;
    }

    public int entries() {
        return entries;
    }

    public int exits() {
        return exits;
    }
}
