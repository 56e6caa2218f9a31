// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.screen;

import java.util.EnumMap;
import java.util.Map;
import org.unionkiosk.protocol.RefusalReason;
import org.unionkiosk.station.config.StationConfig.Language;
import org.unionkiosk.station.locker.LockerOutcome;

/** What the member reads on the screen after a scan, in the station's language. */
public final class VerdictTexts {
    private static final Map<RefusalReason, String[]> REFUSALS = new EnumMap<>(RefusalReason.class);

    static {
        put(RefusalReason.BAD_FORMAT, "无法识别此二维码", "This code is not a union badge");
        put(RefusalReason.BAD_SIGNATURE, "工会卡验证失败", "Badge could not be verified");
        put(RefusalReason.UNKNOWN_KEY, "工会卡签发方未被信任，请联系工会", "Badge issuer not trusted here; contact the union");
        put(RefusalReason.EXPIRED, "工会卡已过期，请续期", "Badge expired; please renew it");
        put(RefusalReason.NOT_YET_VALID, "工会卡尚未生效", "Badge not valid yet");
        put(RefusalReason.WRONG_SCOPE, "此卡不适用于本驿站", "This badge is not valid at this station");
        put(RefusalReason.REVOKED, "此卡已被注销，请联系工会", "This badge was revoked; contact the union");
        put(RefusalReason.SUSPENDED, "会员资格已暂停，请联系工会", "Membership suspended; contact the union");
        put(RefusalReason.REPLAYED, "此手机码已使用，请刷新后重试", "This phone code was already used; refresh it");
        put(RefusalReason.FULL, "驿站已满，请稍后再来", "The station is full; please come back later");
        put(RefusalReason.CLOSED, "驿站当前不开放", "The station is closed now");
        put(RefusalReason.LOCKDOWN, "驿站暂停开放", "The station is temporarily closed");
        put(RefusalReason.RATE_LIMITED, "扫码过于频繁，请稍候", "Too many scans; please wait a moment");
        put(RefusalReason.CLOCK_UNSYNCED, "系统时间未同步，暂无法验证", "Station clock not synchronised; cannot verify");
    }

    private VerdictTexts() {
    }

    private static void put(RefusalReason r, String zh, String en) {
        REFUSALS.put(r, new String[] {zh, en});
    }

    public static String granted(Language lang) {
        return lang == Language.EN ? "Welcome! The door is open" : "欢迎！门已打开";
    }

    public static String refused(RefusalReason reason, Language lang) {
        return REFUSALS.get(reason)[lang == Language.EN ? 1 : 0];
    }

    /** Fills result, locker and message of a locker terminal's verdict. */
    public static void locker(LockerOutcome o, Language lang, io.vertx.core.json.JsonObject out) {
        boolean en = lang == Language.EN;
        if (o instanceof LockerOutcome.Opened op) {
            out.put("result", "granted").put("locker", op.lockerId()).put("message", en
                    ? (op.assigned() ? "Your locker: " : "Locker open: ") + op.lockerId()
                    : (op.assigned() ? "请使用 " : "已打开 ") + op.lockerId() + " 号柜");
        } else if (o instanceof LockerOutcome.Reassigned ra) {
            out.put("result", "granted").put("locker", ra.lockerId()).put("outOfOrder", ra.jammedId())
                    .put("message", en
                    ? "Locker " + ra.jammedId() + " is out of order. Your locker: " + ra.lockerId()
                    : ra.jammedId() + " 号柜故障，请使用 " + ra.lockerId() + " 号柜");
        } else if (o instanceof LockerOutcome.ReleasePending rp) {
            out.put("result", "granted").put("locker", rp.lockerId()).put("message", en
                    ? "Close locker " + rp.lockerId() + " to return it" : "关上 " + rp.lockerId() + " 号柜门即可归还");
        } else {
            String why = ((LockerOutcome.Refused) o).why();
            out.put("result", "denied").put("reason", "locker_" + why).put("message", switch (why) {
                case "none_free" -> en ? "No locker is free right now" : "暂无空闲储物柜";
                case "at_limit" -> en ? "You already have a locker" : "您已有一个储物柜";
                default -> en ? "Locker fault; please try another terminal or contact the union"
                        : "储物柜故障，请联系工会";
            });
        }
    }

    public static String prompt(Language lang) {
        return lang == Language.EN ? "Scan your badge" : "请扫码进入";
    }
}
