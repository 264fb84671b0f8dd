package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaHashTest {
    private final CertificateAuthority ca = CertificateAuthority.create("ca", Instant.parse("2026-06-01T00:00:00Z"));

    @Test
    void theHashIsTheSha256OfTheCertificatesPublicKeyInfoAsOpensslComputesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ca.crt"), Pem.certificate(ca.certificate()));
        // kubeadm's documented recipe for the hash
        Process openssl = new ProcessBuilder(
                        "sh",
                        "-c",
                        "openssl x509 -pubkey -noout -in ca.crt | openssl pkey -pubin -outform der | sha256sum")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor()).as(out).isZero();

        assertThat(CaHash.of(ca.certificate())).isEqualTo("sha256:" + out.split(" ")[0]);
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
