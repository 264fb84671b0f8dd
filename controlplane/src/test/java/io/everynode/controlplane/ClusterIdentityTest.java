package io.everynode.controlplane;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.pki.CertificateAuthority;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One cluster's CA and ServiceAccount key per store: the first server records them, later ones must match. */
class ClusterIdentityTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    /** Made once: key generation is slow on a loaded machine. */
    private static final X509Certificate CA = ca();

    private static final X509Certificate OTHER_CA = ca();
    private static final PublicKey SA = serviceAccountKey();
    private static final PublicKey OTHER_SA = serviceAccountKey();

    private final Store store = Stores.open(StoreConfig.memory(), new ManualClock(NOW));

    @AfterEach
    void close() {
        store.close();
    }

    private static X509Certificate ca() {
        return CertificateAuthority.create("everynode-ca", NOW)
                .keyAndCertificate()
                .certificate();
    }

    private static PublicKey serviceAccountKey() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            return rsa.generateKeyPair().getPublic();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theFirstServerRecordsItsFingerprintsAndTheSameCredentialsPassAgain() throws Exception {
        ClusterIdentity ours = ClusterIdentity.of(CA, SA);

        ours.claim(store);
        ours.claim(store); // a restart, or a second server given the same pki

        assertThat(new String(store.get(ClusterIdentity.KEY).orElseThrow().value(), UTF_8))
                .isEqualTo("{\"caCertificateSha256\":\"" + ours.caSha256() + "\",\"serviceAccountKeySha256\":\""
                        + ours.serviceAccountKeySha256() + "\"}");
        assertThat(ours.caSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void aServerWithAnotherCaIsRefusedNamingBothFingerprintsAndTheFix() throws Exception {
        ClusterIdentity first = ClusterIdentity.of(CA, SA);
        ClusterIdentity other = ClusterIdentity.of(OTHER_CA, SA);
        first.claim(store);
        long revision = store.currentRevision();

        assertThatThrownBy(() -> other.claim(store))
                .isInstanceOf(ClusterIdentity.Mismatch.class)
                .hasMessageContaining("its cluster CA certificate (pki/ca.crt) has SHA-256 " + other.caSha256()
                        + ", the store's cluster " + first.caSha256())
                .hasMessageNotContaining("ServiceAccount public key (pki/sa.pub)")
                .hasMessageContaining("copy ca.crt, ca.key, sa.key and sa.pub")
                .hasMessageContaining("docs/ha.md");
        assertThat(store.currentRevision()).as("nothing written").isEqualTo(revision);
    }

    @Test
    void aServerWithAnotherServiceAccountKeyIsRefusedToo() throws Exception {
        ClusterIdentity first = ClusterIdentity.of(CA, SA);
        ClusterIdentity other = ClusterIdentity.of(CA, OTHER_SA);
        first.claim(store);

        assertThatThrownBy(() -> other.claim(store))
                .isInstanceOf(ClusterIdentity.Mismatch.class)
                .hasMessageContaining("its ServiceAccount public key (pki/sa.pub) has SHA-256 "
                        + other.serviceAccountKeySha256() + ", the store's cluster "
                        + first.serviceAccountKeySha256())
                .hasMessageNotContaining("pki/ca.crt) has");
    }
}
