// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.upokecenter.cbor.CBORObject;

/** Signs badges: CWT claims in a COSE_Sign1 with EdDSA, Base45 behind the {@code UK1:} prefix. */
public final class BadgeIssuer {
    private final SigningKey key;

    public BadgeIssuer(SigningKey key) {
        this.key = key;
    }

    public String issue(BadgeClaims claims) {
        CBORObject header = CBORObject.NewMap();
        header.Add(CoseSign1.HEADER_ALG, CoseSign1.ALG_EDDSA);
        header.Add(CoseSign1.HEADER_KID, key.publicKey().kid());
        CoseSign1 msg = CoseSign1.unsigned(header, BadgeCodec.encodeClaims(claims));
        byte[] sig = key.sign(msg.toBeSigned(new byte[0]));
        return BadgeCodec.PREFIX + Base45.encode(msg.withSignature(sig).encode());
    }
}
