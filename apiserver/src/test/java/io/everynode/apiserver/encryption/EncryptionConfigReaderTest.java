package io.everynode.apiserver.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionConfigReaderTest {
    static final String KEY32 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String HEAD = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n";

    private final EncryptionConfigReader reader = new EncryptionConfigReader(new SecureRandom());

    private EncryptionConfig parse(String yaml) {
        return reader.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no resources | '' | 'resources: Required value: at least one resources is required'
            no resource names | 'resources:\n- providers:\n  - identity: {}' | 'resources[0].resources: Required value: at least one resources[0].resources is required'
            no providers | 'resources:\n- resources: [secrets]' | 'resources[0].providers: Required value: at least one resources[0].providers is required'
            a bare star | 'resources:\n- resources: [\"*\"]\n  providers:\n  - identity: {}' | 'resources[0].resources[0]: Invalid value: \"*\": use ''*.'' to encrypt all the resources from core API group or *.* to encrypt all resources'
            an empty provider | 'resources:\n- resources: [secrets]\n  providers:\n  - {}' | 'resources[0].providers[0]: Invalid value: {}: provider does not contain any of the expected providers: KMS, AESGCM, AESCBC, Secretbox, Identity'
            two kinds in one provider | 'resources:\n- resources: [secrets]\n  providers:\n  - identity: {}\n    aesgcm: {keys: []}' | 'more than one provider specified in a single element, should split into different list elements'
            no keys | 'resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: []}' | 'resources[0].providers[0].aesgcm.keys: Required value: at least one keys is required'
            a key without a name | 'resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: [{secret: AAAAAAAAAAAAAAAAAAAAAA==}]}' | 'resources[0].providers[0].aesgcm.keys[0].name: Required value: name is a mandatory field for a key'
            a key without a secret | 'resources:\n- resources: [secrets]\n  providers:\n  - aescbc: {keys: [{name: k1}]}' | 'resources[0].providers[0].aescbc.keys[0].secret: Required value: secret is a mandatory field for a key'
            a secret not in base64 | 'resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: [{name: k1, secret: \"not base64!\"}]}' | 'resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: \"REDACTED\": secrets must be base64 encoded'
            a short secret | 'resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: [{name: k1, secret: cGFzc3dvcmQ=}]}' | 'resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: \"REDACTED\": secret is not of the expected length, got 8, expected one of [16 24 32]'
            secretbox | 'resources:\n- resources: [secrets]\n  providers:\n  - secretbox: {keys: [{name: k1, secret: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=}]}' | 'resources[0].providers[0].secretbox: Unsupported value: \"secretbox\": supported values: \"aesgcm\", \"aescbc\", \"identity\"'
            kms | 'resources:\n- resources: [secrets]\n  providers:\n  - kms: {name: vault, endpoint: unix:///k.sock}' | 'resources[0].providers[0].kms: Unsupported value: \"kms\"'
            """)
    void aBadConfigurationIsRefusedNamingTheField(String what, String body, String message) {
        String yaml = HEAD + body.replace("\\n", "\n");
        assertThatThrownBy(() -> parse(yaml))
                .as(what)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void theSecretItselfNeverAppearsInAMessage() {
        String secret = Base64.getEncoder().encodeToString("twelve bytes".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parse(HEAD
                        + "resources:\n- resources: [secrets]\n  providers:\n  - aesgcm: {keys: [{name: k1, secret: "
                        + secret + "}]}"))
                .hasMessageNotContaining(secret)
                .hasMessageContaining("got 12");
    }

    @Test
    void everyFaultIsListed() {
        assertThatThrownBy(() -> parse("apiVersion: v1\nkind: Config\nresources:\n- resources: [secrets]\n"))
                .hasMessageContaining("apiVersion: Unsupported value: \"v1\"")
                .hasMessageContaining("kind: Unsupported value: \"Config\"")
                .hasMessageContaining("resources[0].providers: Required value");
    }

    @Test
    void aFileThatIsMissingOrBadIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> reader.read(missing))
                .hasMessage("error reading encryption provider configuration file \"" + missing + "\": no such file");
        Path bad = dir.resolve("enc.yaml");
        Files.writeString(bad, HEAD + "resources: []\n");
        assertThatThrownBy(() -> reader.read(bad))
                .hasMessage("error while parsing encryption provider configuration file \"" + bad
                        + "\": resources: Required value: at least one resources is required");
    }

    @Test
    void aGoodConfigurationNamesWhatItEncrypts() {
        EncryptionConfig c = parse(HEAD + "resources:\n- resources: [secrets, deployments.apps, \"*.batch\"]\n"
                + "  providers:\n  - aesgcm: {keys: [{name: k1, secret: " + KEY32 + "}]}\n  - identity: {}\n"
                + "- resources: [\"*.*\"]\n  providers:\n  - identity: {}\n");
        assertThat(c.encrypts("", "secrets")).isTrue();
        assertThat(c.encrypts("apps", "deployments")).isTrue();
        assertThat(c.encrypts("batch", "jobs")).isTrue();
        assertThat(c.encrypts("", "configmaps")).isFalse();
        assertThat(c.encrypts("apps", "daemonsets")).isFalse();
    }

    @Test
    void theCoreGroupWildcardCoversCoreResourcesOnly() {
        EncryptionConfig c = parse(HEAD + "resources:\n- resources: [\"*.\"]\n"
                + "  providers:\n  - aescbc: {keys: [{name: k1, secret: " + KEY32 + "}]}\n");
        assertThat(c.encrypts("", "configmaps")).isTrue();
        assertThat(c.encrypts("apps", "daemonsets")).isFalse();
    }
}
