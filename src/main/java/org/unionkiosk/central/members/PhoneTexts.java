// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.util.Map;

/** What the phone page says for each outcome, in zh-CN and English; unknown codes get a generic refusal. */
final class PhoneTexts {
    private static final Map<String, String[]> TEXTS = Map.ofEntries(
            Map.entry("open", new String[] {"门已打开，请进", "Door open: come in"}),
            Map.entry("erased", new String[] {"您的登记信息已删除", "Your registration has been erased"}),
            Map.entry("expired", new String[] {"二维码已过期，请重新扫描门上的二维码", "This QR code has expired: scan "
                    + "the one on the door again"}),
            Map.entry("not_yet_valid", new String[] {"二维码时间异常，请重新扫描", "This QR code is not valid yet: "
                    + "scan again"}),
            Map.entry("reused", new String[] {"此二维码已使用，请重新扫描门上的二维码", "This QR code was already used: "
                    + "scan the one on the door again"}),
            Map.entry("bad_format", new String[] {"无法识别的二维码，请扫描驿站门上的二维码", "Not a station QR code: "
                    + "scan the one on the door"}),
            Map.entry("bad_signature", new String[] {"无法识别的二维码，请扫描驿站门上的二维码", "Not a station QR "
                    + "code: scan the one on the door"}),
            Map.entry("unknown_key", new String[] {"该驿站尚未开通手机开门", "This station does not offer phone "
                    + "entry yet"}),
            Map.entry("offline", new String[] {"驿站暂时离线，请稍后再试或使用工会卡", "The station is offline: try "
                    + "again later or use your card"}),
            Map.entry("suspended", new String[] {"您的账号已暂停，请联系工会", "Your registration is suspended: "
                    + "contact the union"}),
            Map.entry("revoked", new String[] {"您的账号已停用，请联系工会", "Your registration is revoked: contact "
                    + "the union"}),
            Map.entry("full", new String[] {"驿站已满，请稍后再来", "The station is full: please come back later"}),
            Map.entry("closed", new String[] {"驿站现在不开放", "The station is closed now"}),
            Map.entry("lockdown", new String[] {"驿站暂停开放", "The station is locked down"}),
            Map.entry("timeout", new String[] {"驿站未应答，请稍后再试", "The station did not answer: try again"}),
            Map.entry("unreachable", new String[] {"暂时无法连接驿站，请稍后再试", "Cannot reach the station now: "
                    + "try again later"}),
            Map.entry("not_registered", new String[] {"请先扫描驿站门上的二维码登记", "Scan a station's door QR "
                    + "to register first"}));

    private PhoneTexts() {
    }

    static String text(String code, boolean en) {
        String[] t = TEXTS.getOrDefault(code, new String[] {"无法开门（" + code + "）", "Cannot open (" + code + ")"});
        return t[en ? 1 : 0];
    }
}
