package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsrParserTest {
    private final KeyPair keys = Csrs.newKeyPair();

    @Test
    void aRequestMadeByCsrsReadsBackItsSubjectNamesAndKey() {
        byte[] pem = Csrs.create(
                keys, "system:node:web-1", List.of("system:nodes"), List.of("web-1.example.com", "10.0.0.7"));

        ParsedCsr csr = CsrParser.parse(pem);

        assertThat(csr.commonName()).isEqualTo("system:node:web-1");
        assertThat(csr.organizations()).containsExactly("system:nodes");
        assertThat(csr.dnsNames()).containsExactly("web-1.example.com");
        assertThat(csr.ipAddresses()).containsExactly("10.0.0.7");
        assertThat(csr.hasSubjectAltNames()).isTrue();
        assertThat(csr.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void aRequestWithoutSubjectAltNamesHasNone() {
        ParsedCsr csr = CsrParser.parse(Csrs.create(keys, "alice", List.of("dev", "ops"), List.of()));

        assertThat(csr.organizations()).containsExactly("dev", "ops");
        assertThat(csr.hasSubjectAltNames()).isFalse();
    }

    @Test
    void textThatIsNotARequestBlockIsRefusedWithUpstreamsMessage() {
        assertThatThrownBy(() -> CsrParser.parse("hello".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PEM block type must be CERTIFICATE REQUEST");
        byte[] certificateBlock =
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> CsrParser.parse(certificateBlock))
                .hasMessage("PEM block type must be CERTIFICATE REQUEST");
    }

    @Test
    void aRequestWhoseSignatureDoesNotMatchItsContentIsRefused() {
        byte[] der = der(Csrs.create(keys, "alice", List.of(), List.of()));
        der[der.length - 1] ^= 0x01; // the last byte of the signature

        assertThatThrownBy(() -> CsrParser.parse(pem(der)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aBlockOfTheRightTypeHoldingGarbageIsRefused() {
        assertThatThrownBy(() -> CsrParser.parse(pem(new byte[] {1, 2, 3, 4})))
                .hasMessage("the PEM block is not a valid PKCS#10 certificate request");
    }

    static byte[] der(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    static byte[] pem(byte[] der) {
        return ("-----BEGIN CERTIFICATE REQUEST-----\n"
                        + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
