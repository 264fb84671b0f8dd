package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.junit.jupiter.api.Test;

class CaHashTest {
    private final CertificateAuthority ca = CertificateAuthority.create("ca", Instant.parse("2026-06-01T00:00:00Z"));

    @Test
    void theHashIsSha256OfTheCertificatesSubjectPublicKeyInfo() throws Exception {
        // kubeadm: openssl x509 -pubkey -in ca.crt | openssl rsa -pubin -outform der | sha256sum
        SubjectPublicKeyInfo spki = new JcaX509CertificateHolder(ca.certificate()).getSubjectPublicKeyInfo();
        String expected = "sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki.getEncoded("DER")));
        assertThat(CaHash.of(ca.certificate())).isEqualTo(expected).hasSize(7 + 64);
    }

    @Test
    void aHashMatchesItsCaWhateverTheCaseOfItsDigitsAndNoOtherCa() {
        String hash = CaHash.of(ca.certificate());
        assertThat(CaHash.matches(hash.toUpperCase().replace("SHA256", "sha256"), ca.certificate()))
                .isTrue();
        assertThat(CaHash.matches(
                        hash, CertificateAuthority.create("ca", Instant.EPOCH).certificate()))
                .isFalse();
        assertThat(CaHash.matches(null, ca.certificate())).isFalse();
    }
}
