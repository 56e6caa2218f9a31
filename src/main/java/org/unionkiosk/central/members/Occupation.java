// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

/** The fixed occupation categories unions count visits by; {@link #code()} is what is stored and exported. */
public enum Occupation {
    COURIER("快递员", "Courier"),
    FOOD_DELIVERY("外卖骑手", "Food delivery"),
    RIDE_HAILING("网约车司机", "Ride-hailing driver"),
    TRUCK_DRIVER("货车司机", "Truck driver"),
    SANITATION("环卫工人", "Sanitation"),
    CONSTRUCTION("建筑工人", "Construction"),
    DOMESTIC_SERVICE("家政服务员", "Domestic service"),
    OTHER("其他", "Other");

    private final String zh;
    private final String en;

    Occupation(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public String label(boolean english) {
        return english ? en : zh;
    }

    /** @return null for anything but a listed code */
    public static Occupation parse(String code) {
        for (Occupation o : values()) {
            if (o.code().equals(code)) {
                return o;
            }
        }
        return null;
    }
}
