// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.config;

import java.util.ArrayList;
import java.util.List;
import org.unionkiosk.protocol.SigningKey;

/**
 * Keys read from the files named under {@code secrets}; {@link #toString()} never prints them.
 *
 * @param commandKey   signs commands to stations (they trust its public half in {@code mqtt.commandKeys})
 * @param badgeKey     signs member badges (stations trust its public half in {@code access.badgeKeys})
 * @param memberDataKey AES-256 key encrypting phone numbers at rest (32 bytes, Base64 in its file)
 * @param sessionSecret HMAC key binding CSRF tokens to sessions (at least 32 bytes, Base64 in its file)
 */
public record Secrets(SigningKey commandKey, SigningKey badgeKey, byte[] memberDataKey, byte[] sessionSecret) {
    public Secrets {
        List<String> p = new ArrayList<>();
        if (memberDataKey != null && memberDataKey.length != 32) {
            p.add("memberDataKeyFile: must hold 32 bytes in Base64 (head -c 32 /dev/urandom | base64), held "
                    + memberDataKey.length);
        }
        if (sessionSecret != null && sessionSecret.length < 32) {
            p.add("sessionSecretFile: must hold at least 32 bytes in Base64 (head -c 32 /dev/urandom | base64), held "
                    + sessionSecret.length);
        }
        ConfigException.throwIfAny(p);
    }

    @Override
    public String toString() {
        return "Secrets[commandKey=" + commandKey + ", badgeKey=" + badgeKey + ", memberDataKey=<redacted>, "
                + "sessionSecret=<redacted>]";
    }
}
