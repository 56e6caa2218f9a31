// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.members;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The phone page's cookie: {@code memberId.HMAC}, so a phone cannot claim another member by editing it. */
final class MemberCookie {
    private final SecretKeySpec key;

    MemberCookie(byte[] secret) {
        if (secret == null || secret.length < 32) {
            throw new IllegalArgumentException("secrets.sessionSecretFile must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String sign(String memberId) {
        return memberId + "." + mac(memberId);
    }

    /** The member id, or null when absent or not signed by this central. */
    String verify(String value) {
        if (value == null || value.length() > 200) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        if (dot <= 0) {
            return null;
        }
        String id = value.substring(0, dot);
        return MessageDigest.isEqual(mac(id).getBytes(StandardCharsets.US_ASCII),
                value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII)) ? id : null;
    }

    private String mac(String id) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            // The label keeps this MAC apart from the session CSRF MACs made with the same secret.
            m.update("uk_phone:".getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(m.doFinal(id.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
