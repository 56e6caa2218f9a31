// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.util.List;

/**
 * The phone page's HTML, rendered on the server: no framework, no external file, a few kilobytes, readable on a
 * small Android phone in WeChat's or Alipay's browser over a weak link. zh-CN unless the phone asks for English.
 */
final class PhonePages {
    private PhonePages() {
    }

    /** The door-QR parameters carried through the forms. */
    record Door(String site, String station, String token) {
    }

    private static final String STYLE = "body{font:16px/1.5 sans-serif;margin:0;padding:16px;color:#10243e;"
            + "background:#f4f6f9}main{max-width:420px;margin:auto}h1{font-size:20px}"
            + "button{width:100%;padding:14px;font-size:18px;border:0;border-radius:8px;background:#1b5fa8;color:#fff}"
            + "input[type=tel]{width:100%;padding:10px;font-size:18px;box-sizing:border-box}label{display:block;"
            + "margin:6px 0}.ok{background:#1b7f3b;color:#fff;padding:16px;border-radius:8px;font-size:22px}"
            + ".no{background:#b3261e;color:#fff;padding:16px;border-radius:8px}.err{color:#b3261e}"
            + "small{color:#555}img{width:100%;max-width:300px;image-rendering:pixelated}a{color:#1b5fa8}";

    static String page(boolean en, String title, String body) {
        return "<!DOCTYPE html><html lang=\"" + (en ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + esc(title)
                + "</title><style>" + STYLE + "</style></head><body><main><h1>" + esc(title) + "</h1>" + body
                + "</main></body></html>";
    }

    /** An outcome: {@code result} is {@code open} or a refusal code, for people and for tests. */
    static String outcome(boolean en, boolean open, String result, String text, boolean showCodeLink) {
        String body = "<p id=\"result\" data-result=\"" + esc(result) + "\" class=\"" + (open ? "ok" : "no") + "\">"
                + esc(text) + "</p>";
        if (showCodeLink) {
            body += "<p><a id=\"my-code\" href=\"/p/code" + (en ? "?lang=en" : "") + "\">"
                    + (en ? "My phone code for next time" : "我的手机码（下次可直接扫码进门）") + "</a></p>";
        }
        return page(en, en ? "Union station" : "工会驿站", body);
    }

    static String register(boolean en, Door d, String error) {
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"err\" id=\"error\">").append(esc(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/p/register\">").append(hidden(d, en))
                .append("<label>").append(en ? "Mobile number" : "手机号")
                .append("<input type=\"tel\" name=\"phone\" maxlength=\"16\" autocomplete=\"tel\" required></label>")
                .append("<p>").append(en ? "Occupation" : "职业").append("</p>");
        for (Occupation o : Occupation.values()) {
            b.append("<label><input type=\"radio\" name=\"occupation\" value=\"").append(o.code()).append("\"")
                    .append(o == Occupation.OTHER ? " checked" : "").append("> ").append(esc(o.label(en)))
                    .append("</label>");
        }
        b.append("<p>").append(en ? "Trade-union member?" : "是否工会会员？").append("</p>")
                .append("<label><input type=\"radio\" name=\"member\" value=\"yes\"> ").append(en ? "Yes" : "是")
                .append("</label><label><input type=\"radio\" name=\"member\" value=\"no\" checked> ")
                .append(en ? "No" : "否").append("</label>")
                .append("<p><small>").append(en ? NOTICE_EN : NOTICE_ZH).append("</small></p>")
                .append("<label><input type=\"checkbox\" name=\"consent\" value=\"yes\"> ")
                .append(en ? "I agree to the privacy notice" : "我同意以上隐私说明").append("</label>")
                .append("<button type=\"submit\" id=\"submit\">").append(en ? "Register and open the door"
                        : "登记并开门").append("</button></form>");
        b.append(languageLink(en, d));
        return page(en, en ? "Welcome to the union station" : "欢迎来到工会驿站", b.toString());
    }

    static String open(boolean en, Door d, String maskedPhone) {
        String body = "<p>" + esc(maskedPhone == null ? "" : maskedPhone) + "</p><form method=\"post\" "
                + "action=\"/p/open\">" + hidden(d, en) + "<button type=\"submit\" id=\"open\">"
                + (en ? "Open the door" : "开门") + "</button></form><p><a id=\"my-code\" href=\"/p/code"
                + (en ? "?lang=en" : "") + "\">" + (en ? "My phone code" : "我的手机码") + "</a></p>"
                + languageLink(en, d);
        return page(en, en ? "Union station" : "工会驿站", body);
    }

    /** The rotating code: the current window shown, the next ones kept for when the phone is offline. */
    static String codes(boolean en, String maskedPhone, List<PhoneCodes.Code> codes) {
        StringBuilder b = new StringBuilder("<p>").append(esc(maskedPhone == null ? "" : maskedPhone))
                .append("</p><p>").append(en ? "Show this code to the station's scanner. It changes every 30 s and "
                        + "works for a few minutes without a connection." : "请将此码对准驿站扫码器。每30秒更新，"
                        + "无网络时几分钟内仍可使用。").append("</p><div id=\"codes\">");
        for (int i = 0; i < codes.size(); i++) {
            PhoneCodes.Code c = codes.get(i);
            b.append("<img alt=\"phone code\" data-nbf=\"").append(c.notBefore().toEpochMilli())
                    .append("\" data-exp=\"").append(c.expiresAt().toEpochMilli()).append("\" data-code=\"")
                    .append(esc(c.text())).append("\" src=\"").append(c.pngDataUri()).append("\"")
                    .append(i == 0 ? "" : " hidden").append(">");
        }
        b.append("</div><p id=\"stale\" class=\"err\" hidden>").append(en ? "Codes used up: reconnect and reload."
                        : "手机码已用完，请联网后刷新。").append("</p>")
                .append("<script>function s(){var n=Date.now(),a=document.querySelectorAll('#codes img'),f=0;"
                        + "for(var i=0;i<a.length;i++){var v=n>=+a[i].dataset.nbf&&n<+a[i].dataset.exp&&!f;"
                        + "a[i].hidden=!v;if(v)f=1}document.getElementById('stale').hidden=!!f}s();"
                        + "setInterval(s,1000)</script>")
                .append("<form method=\"post\" action=\"/p/erase\" onsubmit=\"return confirm('")
                .append(en ? "Erase your registration?" : "确定删除登记信息？").append("')\"><input type=\"hidden\" "
                        + "name=\"lang\" value=\"").append(en ? "en" : "zh-CN").append("\"><p><button id=\"erase\" "
                        + "style=\"background:#777\">").append(en ? "Erase my registration" : "删除我的登记信息")
                .append("</button></p></form>");
        return page(en, en ? "My phone code" : "我的手机码", b.toString());
    }

    private static String hidden(Door d, boolean en) {
        return "<input type=\"hidden\" name=\"s\" value=\"" + esc(d.site()) + "\"><input type=\"hidden\" name=\"t\" "
                + "value=\"" + esc(d.station()) + "\"><input type=\"hidden\" name=\"k\" value=\"" + esc(d.token())
                + "\"><input type=\"hidden\" name=\"lang\" value=\"" + (en ? "en" : "zh-CN") + "\">";
    }

    private static String languageLink(boolean en, Door d) {
        return "<p><a href=\"/p?s=" + esc(d.site()) + "&amp;t=" + esc(d.station()) + "&amp;k=" + esc(d.token())
                + "&amp;lang=" + (en ? "zh-CN" : "en") + "\">" + (en ? "中文" : "English") + "</a></p>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static final String NOTICE_ZH = "隐私说明：我们仅保存您的手机号（加密存储，仅中心可见，驿站设备不保存）、职业类别和"
            + "是否工会会员，用于开门和统计服务人次。您可随时在“我的手机码”页面删除登记信息。";
    static final String NOTICE_EN = "Privacy: we keep only your mobile number (encrypted, held by the union's central "
            + "server, never by the station), your occupation and whether you are a union member, to open the door "
            + "and count visits served. You can erase your registration at any time from \"My phone code\".";
}
