// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;

/**
 * A COSE_Sign1 message (RFC 9052 §4.2) as received: the protected header is kept as the exact bytes that were
 * signed, because re-encoding it could change them and break the signature.
 */
public record CoseSign1(byte[] protectedBytes, CBORObject protectedHeader, CBORObject unprotectedHeader,
                        byte[] payload, byte[] signature) {

    public static final int TAG = 18;
    public static final int HEADER_ALG = 1;
    public static final int HEADER_KID = 4;
    public static final int ALG_EDDSA = -8;

    /**
     * Decodes a tagged or untagged COSE_Sign1. Any other tag, a wrong shape or trailing bytes is refused.
     *
     * @throws CoseFormatException with the first problem found
     */
    public static CoseSign1 decode(byte[] bytes) {
        CBORObject msg;
        try {
            msg = CBORObject.DecodeFromBytes(bytes);
        } catch (CBORException | IllegalArgumentException e) {
            throw new CoseFormatException("not well-formed CBOR: " + e.getMessage());
        }
        if (msg.isTagged()) {
            if (msg.GetAllTags().length != 1 || !msg.HasMostOuterTag(TAG)) {
                throw new CoseFormatException("tag " + msg.getMostOuterTag() + " is not COSE_Sign1 (18)");
            }
            msg = msg.UntagOne();
        }
        if (msg.getType() != CBORType.Array || msg.size() != 4) {
            throw new CoseFormatException("COSE_Sign1 must be an array of 4");
        }
        byte[] protectedBytes = byteString(msg.get(0), "protected header");
        CBORObject unprotected = msg.get(1);
        if (unprotected.getType() != CBORType.Map || unprotected.isTagged()) {
            throw new CoseFormatException("unprotected header must be a map");
        }
        byte[] payload = byteString(msg.get(2), "payload");
        byte[] signature = byteString(msg.get(3), "signature");
        CBORObject protectedHeader = CBORObject.NewMap();
        if (protectedBytes.length > 0) {
            try {
                protectedHeader = CBORObject.DecodeFromBytes(protectedBytes);
            } catch (CBORException | IllegalArgumentException e) {
                throw new CoseFormatException("protected header is not well-formed CBOR");
            }
            if (protectedHeader.getType() != CBORType.Map || protectedHeader.isTagged()) {
                throw new CoseFormatException("protected header must be a map");
            }
        }
        return new CoseSign1(protectedBytes, protectedHeader, unprotected, payload, signature);
    }

    /** Builds a message to sign: the protected header is encoded once here and kept as is. */
    public static CoseSign1 unsigned(CBORObject protectedHeader, byte[] payload) {
        return new CoseSign1(protectedHeader.EncodeToBytes(), protectedHeader, CBORObject.NewMap(), payload,
                new byte[0]);
    }

    /** The Sig_structure of RFC 9052 §4.4 for context "Signature1": the exact bytes that are signed. */
    public byte[] toBeSigned(byte[] externalAad) {
        CBORObject sig = CBORObject.NewArray();
        sig.Add("Signature1");
        // RFC 9052 §4.4: an empty protected map is signed as a zero-length byte string.
        sig.Add(CBORObject.FromObject(protectedHeader.size() == 0 ? new byte[0] : protectedBytes));
        sig.Add(CBORObject.FromObject(externalAad));
        sig.Add(CBORObject.FromObject(payload));
        return sig.EncodeToBytes();
    }

    public CoseSign1 withSignature(byte[] sig) {
        return new CoseSign1(protectedBytes, protectedHeader, unprotectedHeader, payload, sig.clone());
    }

    /** Tagged encoding (tag 18), as badges carry it. */
    public byte[] encode() {
        CBORObject arr = CBORObject.NewArray();
        arr.Add(CBORObject.FromObject(protectedBytes));
        arr.Add(unprotectedHeader);
        arr.Add(CBORObject.FromObject(payload));
        arr.Add(CBORObject.FromObject(signature));
        return CBORObject.FromObjectAndTag(arr, TAG).EncodeToBytes();
    }

    /** The algorithm from the protected header; an algorithm only in the unprotected header does not count. */
    public Long protectedAlg() {
        CBORObject alg = protectedHeader.get(CBORObject.FromObject(HEADER_ALG));
        return alg != null && alg.isNumber() && alg.CanValueFitInInt64() && !alg.isTagged()
                ? alg.AsInt64Value() : null;
    }

    /** The key id from the protected header, or null. */
    public byte[] protectedKid() {
        CBORObject kid = protectedHeader.get(CBORObject.FromObject(HEADER_KID));
        return kid != null && kid.getType() == CBORType.ByteString && !kid.isTagged() ? kid.GetByteString() : null;
    }

    private static byte[] byteString(CBORObject o, String what) {
        if (o.getType() != CBORType.ByteString || o.isTagged()) {
            throw new CoseFormatException(what + " must be a byte string");
        }
        return o.GetByteString();
    }

    /** A message that is not a COSE_Sign1 at all. */
    public static final class CoseFormatException extends RuntimeException {
        public CoseFormatException(String message) {
            super(message);
        }
    }
}
