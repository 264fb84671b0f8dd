package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** {@code openssl ecparam -genkey -name prime256v1 -noout} (SEC1). */
    private static final String SEC1_EC = ""
            + "-----BEGIN EC PRIVATE KEY-----\n"
            + "MHcCAQEEIM4KPBPamuX7XqTqacTBAi/jDlI8WEzXl1f2Vg1zCRWkoAoGCCqGSM49\n"
            + "AwEHoUQDQgAEp7h5nRYErlYelPeeTuKO63KQXC6vGyXOLQGw65Nv2GD4vqn/HaXP\n"
            + "k2/FCkSLJJLHUAYYAe6QyIGKucXXfE2iEA==\n"
            + "-----END EC PRIVATE KEY-----\n";

    /** {@code openssl genrsa -traditional 1024} (PKCS#1). */
    private static final String PKCS1_RSA = ""
            + "-----BEGIN RSA PRIVATE KEY-----\n"
            + "MIICWwIBAAKBgQDH+CUm2cfeNeZ6Ja7XOFxnOqPfNtwn2CnLSStOdsR2gMBzFzgA\n"
            + "b0jokigMTO8esiDMj1NigiS2EFlBBA0wGiv6Yzw9nhbud+1etV9s0LPrdl4fwWU1\n"
            + "jJG1BwfF4Y+2pMdYYpIap5ejlFMUvqKZ/V8qobSRaFJzJvGdtCuLkvwG8wIDAQAB\n"
            + "AoGAXCKlW4U0ZdoH23fJWziIurd2Eb7BKUqb1yJbZcerNb6U7XJhRzH/MclF0oUQ\n"
            + "F+CS5C2VienU6F4YAbDQMr2cTOzuuEbyuz9lRIK8TyW1esVvaCYzzi1pLBxZC9e9\n"
            + "m64SyutUAD77Nkz4KFiTnZv5FP4U13y5BOOeM4oTXnFP5UECQQDuJsQjyn6XQ+Yg\n"
            + "GLPQqWnaMHugomdsZOKvMX9epEToGuFgpNSu5naA4DWvcwyeRYpTcNqLFaU4+REE\n"
            + "0SQHzSn7AkEA1vTOpmRtjbWcu6hOBnqdUz/fSlZRdKejIAIn2TZ+9x3bgQmPMhNO\n"
            + "Ttdf6vfibPsqTMHAR0Z9UN2HbSH4i289aQJAXYnybhBh6m3r3F13exSfk+iJFk3T\n"
            + "i3qQorkxSu4Adp3gOgJj2xKAJxxpWbE5moy7yQxBenGVBKynJ5oxqbLGswJAKyCw\n"
            + "+Yd6x4zhpnENPpWJTTOqfEK3Ux1zSC/GiPk7Hh+ac9hUJ6rh8kWaFA2qG02FXiMd\n"
            + "je9ho0DfNBE1ydwGyQJAPBfEx304oDeCs3/Yx8wuEcMlqP13jyBMk70lWzFRPgQK\n"
            + "y0JGak0R/ICRTk+Tw2AhzKc8KKuNihopPnLl/G/K7w==\n"
            + "-----END RSA PRIVATE KEY-----\n";

    @ParameterizedTest
    @CsvSource({"EC, EC", "RSA, RSA"})
    void theOpensslFormsOfAPrivateKeyAreReadToo(String fixture, String algorithm) {
        String pem = fixture.equals("EC") ? SEC1_EC : PKCS1_RSA;
        assertThat(pem).contains("BEGIN " + algorithm + " PRIVATE KEY");
        PrivateKey key = Pem.readPrivateKey(pem);
        assertThat(key.getAlgorithm()).isEqualTo(algorithm);
        assertThat(Pem.readPrivateKey(Pem.privateKey(key))).isEqualTo(key);
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
