package io.everynode.apiserver.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EncryptionConfigTest {
    static final String OLD_KEY = key(1);
    static final String NEW_KEY = key(2);
    static final String SECRET = "/registry/secrets/default/db";
    static final byte[] PLAIN = "{\"data\":{\"password\":\"aHVudGVyMg==\"}}".getBytes(StandardCharsets.UTF_8);

    static String key(int fill) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) fill);
        return Base64.getEncoder().encodeToString(k);
    }

    static EncryptionConfig config(String providers) {
        String yaml = "apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\n"
                + "resources:\n- resources: [secrets]\n  providers:\n" + providers;
        return new EncryptionConfigReader(new SecureRandom()).parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static String aesgcm(String... nameAndSecret) {
        StringBuilder b = new StringBuilder("  - aesgcm:\n      keys:\n");
        for (int i = 0; i < nameAndSecret.length; i += 2)
            b.append("      - {name: ")
                    .append(nameAndSecret[i])
                    .append(", secret: \"")
                    .append(nameAndSecret[i + 1])
                    .append("\"}\n");
        return b.toString();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aSecretIsStoredWithUpstreamsPrefixAndNoPlaintextAndReadsBack() {
        EncryptionConfig c = config(aesgcm("key1", OLD_KEY));
        byte[] stored = c.toStorage(SECRET, PLAIN);
        assertThat(text(stored)).startsWith("k8s:enc:aesgcm:v1:key1:").doesNotContain("aHVudGVyMg==");
        // prefix, 12-byte nonce, ciphertext as long as the plaintext, 16-byte tag
        assertThat(stored).hasSize("k8s:enc:aesgcm:v1:key1:".length() + 12 + PLAIN.length + 16);
        ValueTransformer.Read read = c.fromStorage(SECRET, stored);
        assertThat(read.value()).isEqualTo(PLAIN);
        assertThat(read.stale()).isFalse();
        assertThat(c.toStorage(SECRET, PLAIN)).as("a fresh nonce per write").isNotEqualTo(stored);
    }

    @Test
    void aescbcRoundTripsToo() {
        EncryptionConfig c = config("  - aescbc: {keys: [{name: old, secret: \"" + OLD_KEY + "\"}]}\n");
        byte[] stored = c.toStorage(SECRET, PLAIN);
        assertThat(text(stored)).startsWith("k8s:enc:aescbc:v1:old:");
        assertThat(c.fromStorage(SECRET, stored).value()).isEqualTo(PLAIN);
    }

    @Test
    void aValueCutShortIsRefusedBeforeAnyDecryption() {
        EncryptionConfig gcm = config(aesgcm("key1", OLD_KEY));
        byte[] gcmStored = gcm.toStorage(SECRET, PLAIN);
        EncryptionConfig cbc = config("  - aescbc: {keys: [{name: old, secret: \"" + OLD_KEY + "\"}]}\n");
        byte[] cbcStored = cbc.toStorage(SECRET, PLAIN);

        assertThatThrownBy(() -> gcm.fromStorage(SECRET, java.util.Arrays.copyOf(gcmStored, 30)))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining("the value of " + SECRET + " is too short for aesgcm key \"key1\"");
        assertThatThrownBy(() -> cbc.fromStorage(SECRET, java.util.Arrays.copyOf(cbcStored, cbcStored.length - 1)))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining(
                        "the value of " + SECRET + " is not a whole number of AES blocks for aescbc key \"old\"");
    }

    @Test
    void otherResourcesAreStoredAsTheyAre() {
        EncryptionConfig c = config(aesgcm("key1", OLD_KEY));
        String configMap = "/registry/configmaps/default/settings";
        assertThat(c.toStorage(configMap, PLAIN)).isSameAs(PLAIN);
        assertThat(c.fromStorage(configMap, PLAIN).stale()).isFalse();
    }

    @Test
    void aValueCannotBeMovedUnderAnotherKey() {
        EncryptionConfig c = config(aesgcm("key1", OLD_KEY));
        byte[] stored = c.toStorage(SECRET, PLAIN);
        assertThatThrownBy(() -> c.fromStorage("/registry/secrets/default/other", stored))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining("authentication tag does not match");
    }

    @Test
    void rotationReadsWithTheOldKeyMarksItStaleAndWritesWithTheNew() {
        byte[] underOld = config(aesgcm("key1", OLD_KEY)).toStorage(SECRET, PLAIN);
        // step 1: the new key is added first; the old one stays to read what it wrote
        EncryptionConfig rotated = config(aesgcm("key2", NEW_KEY, "key1", OLD_KEY));
        ValueTransformer.Read read = rotated.fromStorage(SECRET, underOld);
        assertThat(read.value()).isEqualTo(PLAIN);
        assertThat(read.stale()).as("written by a key that no longer writes").isTrue();
        byte[] rewritten = rotated.toStorage(SECRET, read.value());
        assertThat(text(rewritten)).startsWith("k8s:enc:aesgcm:v1:key2:");
        // step 3: the old key dropped; what was rewritten still reads
        EncryptionConfig onlyNew = config(aesgcm("key2", NEW_KEY));
        assertThat(onlyNew.fromStorage(SECRET, rewritten).value()).isEqualTo(PLAIN);
        assertThatThrownBy(() -> onlyNew.fromStorage(SECRET, underOld))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining("no provider of the encryption configuration reads the value of " + SECRET)
                .hasMessageContaining("\"k8s:enc:aesgcm:v1:key1:\"");
    }

    @Test
    void plainValuesReadThroughIdentityAndAreStale() {
        EncryptionConfig c = config(aesgcm("key1", OLD_KEY) + "  - identity: {}\n");
        ValueTransformer.Read read = c.fromStorage(SECRET, PLAIN);
        assertThat(read.value()).isEqualTo(PLAIN);
        assertThat(read.stale()).isTrue();
    }

    @Test
    void withoutIdentityAPlainValueIsRefused() {
        EncryptionConfig c = config(aesgcm("key1", OLD_KEY));
        assertThatThrownBy(() -> c.fromStorage(SECRET, PLAIN))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining("stored as plain bytes");
    }

    @Test
    void identityNeverReadsEncryptedValues() {
        byte[] stored = config(aesgcm("key1", OLD_KEY)).toStorage(SECRET, PLAIN);
        EncryptionConfig identityOnly = config("  - identity: {}\n");
        assertThatThrownBy(() -> identityOnly.fromStorage(SECRET, stored)).isInstanceOf(EncryptionException.class);
    }

    @Test
    void aKeyWithTheRightNameButAnotherSecretSaysSo() {
        byte[] stored = config(aesgcm("key1", OLD_KEY)).toStorage(SECRET, PLAIN);
        assertThatThrownBy(() -> config(aesgcm("key1", NEW_KEY)).fromStorage(SECRET, stored))
                .isInstanceOf(EncryptionException.class)
                .hasMessageContaining("aesgcm key \"key1\" does not open the value of " + SECRET);
    }
}
