// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.unionkiosk.protocol.CoseSign1.CoseFormatException;

/** The COSE working group's examples (src/test/resources/testdata/cose): our COSE layer must agree byte for byte. */
class CoseVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    static Path cose() {
        Path p = TestData.dir().resolve("cose");
        assertThat(p).isDirectory();
        return p;
    }

    static Stream<Path> sign1Vectors() throws IOException {
        return Stream.concat(
                Stream.of(cose().resolve("eddsa-examples/eddsa-sig-01.json"),
                        cose().resolve("eddsa-examples/eddsa-sig-02.json")),
                Files.list(cose().resolve("sign1-tests")).sorted());
    }

    @ParameterizedTest
    @MethodSource("sign1Vectors")
    void reproducesToBeSignedAndAgreesOnEveryVerdict(Path file) throws Exception {
        JsonNode v = JSON.readTree(file.toFile());
        byte[] cbor = HEX.parseHex(v.at("/output/cbor").asText().toLowerCase());
        byte[] aad = v.at("/input/sign0/external").isMissingNode()
                ? new byte[0] : HEX.parseHex(v.at("/input/sign0/external").asText().toLowerCase());
        boolean mustFail = v.path("fail").asBoolean(false);

        if (v.at("/input/failures/ChangeCBORTag").isNumber()) {
            assertThatThrownBy(() -> CoseSign1.decode(cbor)).isInstanceOf(CoseFormatException.class)
                    .hasMessageContaining("tag");
            return;
        }
        CoseSign1 msg = CoseSign1.decode(cbor);
        byte[] tbs = msg.toBeSigned(aad);

        if (!mustFail) {
            assertThat(HEX.formatHex(tbs)).isEqualTo(v.at("/intermediates/ToBeSign_hex").asText().toLowerCase());
        }
        assertThat(ReferenceVerifier.verify(v.at("/input/sign0/key"), tbs, msg.signature())).isEqualTo(!mustFail);
    }

    @Test
    void verifiesTheEd25519Sign1Example() throws IOException {
        JsonNode v = JSON.readTree(cose().resolve("eddsa-examples/eddsa-sig-01.json").toFile());
        TrustedKey key = TrustedKey.of(HEX.parseHex(v.at("/input/sign0/key/x_hex").asText()));
        CoseSign1 msg = CoseSign1.decode(HEX.parseHex(v.at("/output/cbor").asText().toLowerCase()));

        assertThat(msg.protectedAlg()).isEqualTo(-8L);
        assertThat(key.verify(msg.toBeSigned(new byte[0]), msg.signature())).isTrue();
        byte[] flipped = msg.signature();
        flipped[10] ^= 1;
        assertThat(key.verify(msg.toBeSigned(new byte[0]), flipped)).isFalse();
    }

    @Test
    void signsTheEd25519ExampleIdentically() throws IOException {
        // Ed25519 is deterministic: the same seed and message must give the vector's signature.
        JsonNode v = JSON.readTree(cose().resolve("eddsa-examples/eddsa-sig-01.json").toFile());
        SigningKey key = SigningKey.fromSeed(HEX.parseHex(v.at("/input/sign0/key/d_hex").asText()));
        CoseSign1 msg = CoseSign1.decode(HEX.parseHex(v.at("/output/cbor").asText().toLowerCase()));

        assertThat(key.sign(msg.toBeSigned(new byte[0]))).isEqualTo(msg.signature());
        assertThat(HEX.formatHex(key.publicKey().publicKey())).isEqualTo(v.at("/input/sign0/key/x_hex").asText());
    }

    @ParameterizedTest
    @MethodSource("sign1Vectors")
    void badgeVerifierRefusesEveryForeignMessageForTheRightReason(Path file) throws IOException {
        JsonNode v = JSON.readTree(file.toFile());
        byte[] cbor = HEX.parseHex(v.at("/output/cbor").asText().toLowerCase());
        JsonNode key = v.at("/input/sign0/key");
        List<TrustedKey> trust = "Ed25519".equals(key.path("crv").asText())
                ? List.of(TrustedKey.of(HEX.parseHex(key.path("x_hex").asText()))) : List.of();
        var verifier = new BadgeVerifier(new TrustedKeys(trust), Clock.systemUTC(), Duration.ofMinutes(5));

        BadgeVerdict verdict = verifier.verify(BadgeCodec.PREFIX + Base45.encode(cbor));

        assertThat(verdict).isInstanceOf(BadgeVerdict.Refused.class);
        RefusalReason reason = ((BadgeVerdict.Refused) verdict).reason();
        if (v.at("/input/failures/ChangeCBORTag").isNumber()) {
            assertThat(reason).isEqualTo(RefusalReason.BAD_FORMAT);
        } else if (Long.valueOf(CoseSign1.ALG_EDDSA).equals(CoseSign1.decode(cbor).protectedAlg())) {
            // EdDSA, but the kid sits in the unprotected header: badges require it protected.
            assertThat(reason).isEqualTo(RefusalReason.BAD_FORMAT);
        } else {
            // ES256 and altered algorithms: not an EdDSA badge signature.
            assertThat(reason).isEqualTo(RefusalReason.BAD_SIGNATURE);
        }
    }

    @ParameterizedTest
    @MethodSource("cwtClaimSets")
    void parsesTheRfc8392ClaimSets(Path file) throws IOException {
        JsonNode v = JSON.readTree(file.toFile());
        byte[] plain = HEX.parseHex(v.at("/input/plaintext_hex").asText());
        CBORObject top = CBORObject.DecodeFromBytes(plain);
        // A.6 nests the signed CWT of A.3 as the plaintext of an encryption.
        byte[] claimBytes = top.isTagged() ? CoseSign1.decode(plain).payload() : plain;

        CBORObject claims = CBORObject.DecodeFromBytes(claimBytes);

        assertThat(claims.getType()).isEqualTo(com.upokecenter.cbor.CBORType.Map);
        if (claims.size() > 1) {
            assertThat(claims.get(1).AsString()).isEqualTo("coap://as.example.com");
            assertThat(claims.get(2).AsString()).isEqualTo("erikw");
            assertThat(claims.get(4).AsInt64Value()).isEqualTo(1444064944L);
            assertThat(claims.get(7).GetByteString()).isEqualTo(HEX.parseHex("0b71"));
        } else {
            assertThat(claims.get(6).AsDoubleValue()).isEqualTo(1443944944.5);
        }
        // None is a union badge (no scope, no kind, foreign claims): the badge codec refuses each with a reason.
        assertThatThrownBy(() -> BadgeCodec.decodeClaims(claimBytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(unknown claim|scope|kind|iat).*");
    }

    static Stream<Path> cwtClaimSets() throws IOException {
        return Files.list(cose().resolve("CWT")).sorted()
                .filter(p -> {
                    try {
                        return JSON.readTree(p.toFile()).at("/input/plaintext_hex").isTextual();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }
}
