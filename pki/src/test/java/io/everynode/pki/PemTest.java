package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PemTest {
    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA"})
    void aPrivateKeyIsWrittenAsPkcs8ThatTheJdkAloneReads(String algorithm) throws Exception {
        KeyPair keys = algorithm.equals("EC") ? KeyPairs.ecP256() : KeyPairs.rsa2048();
        String pem = Pem.privateKey(keys.getPrivate());
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey read = KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        assertThat(read).isEqualTo(keys.getPrivate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"EC", "RSA"})
    void theOpensslFormsOfAPrivateKeyAreReadToo(String algorithm) throws Exception {
        KeyPair keys = algorithm.equals("EC") ? KeyPairs.ecP256() : KeyPairs.rsa2048();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(keys); // SEC1 "EC PRIVATE KEY" or PKCS#1 "RSA PRIVATE KEY"
        }
        assertThat(out.toString()).contains("BEGIN " + algorithm + " PRIVATE KEY");
        assertThat(Pem.readPrivateKey(out.toString()).getEncoded())
                .isEqualTo(keys.getPrivate().getEncoded());
    }

    @Test
    void certificatesRoundTripInOrder() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        CertificateAuthority a = CertificateAuthority.create("a", now);
        CertificateAuthority b = CertificateAuthority.create("b", now);
        String pem = Pem.certificates(List.of(a.certificate(), b.certificate()));
        assertThat(Pem.readCertificates(pem)).containsExactly(a.certificate(), b.certificate());
    }

    @Test
    void aPublicKeyRoundTrips() {
        KeyPair keys = KeyPairs.rsa2048();
        String pem = Pem.publicKey(keys.getPublic());
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(Pem.readPublicKey(pem, "RSA")).isEqualTo(keys.getPublic());
    }

    @Test
    void textWithoutACertificateOrKeyIsRefusedWithAMessage() {
        assertThatThrownBy(() -> Pem.readCertificates("hello")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.readPrivateKey("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no private key");
    }
}
