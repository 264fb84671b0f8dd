package io.everynode.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigFileTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final CertificateAuthority ca = CertificateAuthority.create("ca", NOW);

    @TempDir
    Path dir;

    @Test
    void aCertificateKubeconfigEmbedsTheCaTheCertificateAndTheKeyOwnerOnly() throws Exception {
        KeyAndCertificate admin = ca.newClient("kubernetes-admin", List.of("system:masters"), NOW, Duration.ofDays(1));
        Path file = KubeconfigFile.writeWithCertificate(
                dir.resolve("kubeconfig"), "https://127.0.0.1:6443", ca.certificate(), admin);
        String text = Files.readString(file);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(text).contains("server: https://127.0.0.1:6443", "name: \"kubernetes-admin\"");
        assertThat(Pem.readCertificate(field(text, "certificate-authority-data")))
                .isEqualTo(ca.certificate());
        assertThat(Pem.readCertificate(field(text, "client-certificate-data"))).isEqualTo(admin.certificate());
        assertThat(Pem.readPrivateKey(field(text, "client-key-data"))).isEqualTo(admin.key());
    }

    @Test
    void aTokenKubeconfigCarriesTheToken() throws Exception {
        Path file = KubeconfigFile.writeWithToken(
                dir.resolve("k"), "https://[::1]:6443", ca.certificate(), "system:serviceaccount:default:x", "abc.def");
        String text = Files.readString(file);
        assertThat(text)
                .contains("token: \"abc.def\"", "server: https://[::1]:6443")
                .doesNotContain("client-key");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    private static String field(String text, String name) {
        Matcher m = Pattern.compile(name + ": (\\S+)").matcher(text);
        assertThat(m.find()).as(name).isTrue();
        return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.US_ASCII);
    }
}
