// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the people these stations serve come by, as visits per station per hour for each hour of the day: delivery
 * riders at lunch, dinner and late evening; drivers at lunch and late into the night; sanitation workers at dawn
 * and after the morning round; couriers through the afternoon. Numbers are an invented but plausible shape, not
 * survey data.
 */
enum DailyProfile {
    //                      0    1    2    3    4    5    6    7    8    9   10   11   12   13   14   15   16   17
    //                     18   19   20   21   22   23
    RIDER(minutes(10, 30), .2, .1, .0, .0, .0, .0, .1, .2, .3, .3, .8, 2.5, 3.0, 1.5, .6, .5, .6, 1.5,
            1.8, 1.2, 1.2, 2.0, 2.2, 1.0),
    DRIVER(minutes(20, 60), .8, .6, .3, .2, .1, .1, .2, .3, .3, .3, .5, 1.2, 1.6, 1.2, .6, .4, .4, .6,
            .8, .8, 1.0, 1.6, 1.8, 1.2),
    SANITATION(minutes(15, 40), .0, .0, .0, .2, 1.5, 2.8, 2.5, 1.2, .6, .8, 1.0, .6, .4, .3, .6, .3, .2, .2,
            .1, .0, .0, .0, .0, .0),
    COURIER(minutes(10, 25), .0, .0, .0, .0, .0, .0, .0, .1, .2, .4, .6, .6, .5, .7, .9, .9, .7, .5,
            .3, .2, .1, .0, .0, .0);

    private final Duration minStay;
    private final Duration maxStay;
    private final double[] perHour;

    DailyProfile(Duration[] stay, double... perHour) {
        this.minStay = stay[0];
        this.maxStay = stay[1];
        this.perHour = perHour;
    }

    private static Duration[] minutes(int min, int max) {
        return new Duration[] {Duration.ofMinutes(min), Duration.ofMinutes(max)};
    }

    /** Visits per station per hour at this hour of day. */
    double rate(int hour) {
        return perHour[hour];
    }

    /** All categories together. */
    static double total(int hour) {
        double sum = 0;
        for (DailyProfile p : values()) {
            sum += p.perHour[hour];
        }
        return sum;
    }

    /** A category drawn in proportion to its rate at this hour. */
    static DailyProfile pick(int hour, RandomGenerator random) {
        double r = random.nextDouble() * total(hour);
        for (DailyProfile p : values()) {
            r -= p.perHour[hour];
            if (r < 0) {
                return p;
            }
        }
        return RIDER;
    }

    Duration stay(RandomGenerator random) {
        long span = maxStay.toSeconds() - minStay.toSeconds();
        return minStay.plusSeconds((long) (random.nextDouble() * span));
    }
}
