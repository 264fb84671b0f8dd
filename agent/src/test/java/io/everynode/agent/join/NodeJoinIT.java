package io.everynode.agent.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.client.ClientConfig;
import io.everynode.client.Kubeconfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.SubjectAltNames;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Joining over real HTTPS against a secure control plane running the bootstrap signer and the CSR controllers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeJoinIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private ControlPlane cp;
    private ClusterPki pki;
    private URI server;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        pki = ClusterPki.open(dir, SubjectAltNames.forThisHost(List.of("127.0.0.1")), Clock.systemUTC());
        cp = ControlPlane.builder().secure(pki).build().start();
        server = URI.create(cp.url());
    }

    @AfterAll
    void stop() {
        cp.close();
    }

    private BootstrapToken token(Instant expiration) {
        BootstrapToken t = BootstrapToken.generate(new SecureRandom());
        BootstrapTokenSecret stored = BootstrapTokenSecret.of(
                t,
                expiration,
                List.of("signing", "authentication"),
                List.of(BootstrapTokenSecret.KUBEADM_DEFAULT_GROUP),
                "");
        cp.client()
                .create(new SecretBuilder()
                        .withNewMetadata()
                        .withName(t.secretName())
                        .withNamespace(BootstrapTokenSecret.NAMESPACE)
                        .endMetadata()
                        .withType(BootstrapTokenSecret.TYPE)
                        .withStringData(stored.data())
                        .build());
        return t;
    }

    private static NodeJoin join(Clock clock, Duration discoveryTimeout) {
        ClientConfig config = ClientConfig.defaults();
        return new NodeJoin(
                new ClusterDiscovery(config, clock, discoveryTimeout, Duration.ofMillis(200)),
                new NodeCertificateRequest(clock, WAIT),
                config,
                clock);
    }

    private NodeJoin.Settings settings(BootstrapToken token, String hash, String node, Duration lifetime) {
        return new NodeJoin.Settings(server, token, List.of(hash), false, node, lifetime);
    }

    @Test
    void withSeveralServersANodeJoinsThroughTheFirstThatAnswersAndCallsThroughEach(@TempDir Path dir) throws Exception {
        URI down;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            down = URI.create("https://127.0.0.1:" + s.getLocalPort()); // closed again: refuses connections
        }
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-m"));

        Kubeconfig joined = join(Clock.systemUTC(), Duration.ofSeconds(1))
                .credentials(
                        files,
                        new NodeJoin.Settings(
                                List.of(down, server), token(null), List.of(pki.caHash()), false, "node-m", null));

        assertThat(joined.server()).isEqualTo(server);
        try (JoinedClient client = new JoinedClient(
                joined,
                List.of(down, server),
                files,
                "node-m",
                null,
                null,
                ClientConfig.defaults(),
                Clock.systemUTC(),
                () -> 0.5,
                Duration.ofHours(1))) {
            assertThat(client.client()
                            .list(
                                    Pod.class,
                                    null,
                                    new ListOptionsBuilder()
                                            .withFieldSelector("spec.nodeName=node-m")
                                            .build())
                            .items())
                    .isEmpty();
        }
    }

    @Test
    void aNodeJoinsWithItsTokenAndTheCaHashAndLaterStartsOnItsOwnCredentials(@TempDir Path dir) throws Exception {
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-a"));
        Kubeconfig joined =
                join(Clock.systemUTC(), WAIT).credentials(files, settings(token(null), pki.caHash(), "node-a", null));

        X509Certificate cert = joined.clientCertificates().get(0);
        assertThat(cert.getSubjectX500Principal())
                .isEqualTo(new X500Principal("CN=system:node:node-a, O=system:nodes"));
        assertThat(joined.certificateAuthority()).containsExactly(pki.ca().certificate());
        for (Path f : List.of(files.kubeconfig(), files.certificateAndKey()))
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .isEqualTo("rw-------");
        assertThat(Files.readString(files.kubeconfig())).contains("client-certificate: \"" + files.certificateAndKey());
        // The CSR went in as the token's user and was approved for it.
        assertThat(cp.client().list(CertificateSigningRequest.class, null).items())
                .anySatisfy(c -> assertThat(c.getSpec().getUsername()).startsWith("system:bootstrap:"));

        // The credentials work: the node lists its own pods over HTTPS as system:node:node-a.
        try (JoinedClient client = new JoinedClient(
                joined,
                files,
                "node-a",
                null,
                null,
                ClientConfig.defaults(),
                Clock.systemUTC(),
                () -> 0.5,
                Duration.ofHours(1))) {
            assertThat(client.client()
                            .list(
                                    Pod.class,
                                    null,
                                    new ListOptionsBuilder()
                                            .withFieldSelector("spec.nodeName=node-a")
                                            .build())
                            .items())
                    .isEmpty();
        }

        // A later start needs no token: the valid credentials on disk are used as they are.
        Kubeconfig again = join(Clock.systemUTC(), WAIT)
                .credentials(files, new NodeJoin.Settings(server, null, List.of(), false, "node-a", null));
        assertThat(again.clientCertificates().get(0)).isEqualTo(cert);
    }

    @Test
    void aWrongCaHashIsRefusedNamingBothHashesAndNothingIsWritten(@TempDir Path dir) {
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-b"));
        String wrong = "sha256:" + "0".repeat(64);
        assertThatThrownBy(() ->
                        join(Clock.systemUTC(), WAIT).credentials(files, settings(token(null), wrong, "node-b", null)))
                .isInstanceOf(JoinFailure.class)
                .hasMessage("cluster CA found in cluster-info ConfigMap is invalid: none of the public keys \""
                        + pki.caHash() + "\" are pinned (--discovery-token-ca-cert-hash gave " + wrong + ")");
        assertThat(dir.resolve("node-b")).doesNotExist();
    }

    @Test
    void anExpiredTokenIsRefusedAsExpiredOrUnknownAndNothingIsWritten(@TempDir Path dir) {
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-c"));
        BootstrapToken expired = token(Instant.now().minus(Duration.ofMinutes(1)));
        assertThatThrownBy(() -> join(Clock.systemUTC(), Duration.ofSeconds(2))
                        .credentials(files, settings(expired, pki.caHash(), "node-c", null)))
                .isInstanceOf(JoinFailure.class)
                .hasMessageStartingWith("could not find a JWS signature in the cluster-info ConfigMap for token ID \""
                        + expired.id() + "\": the token may be expired or unknown");
        assertThat(dir.resolve("node-c")).doesNotExist();
    }

    @Test
    void withoutTokenOrCredentialsTheAgentSaysHowToJoin(@TempDir Path dir) {
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-d"));
        assertThatThrownBy(() -> join(Clock.systemUTC(), WAIT)
                        .credentials(files, new NodeJoin.Settings(server, null, List.of(), false, "node-d", null)))
                .isInstanceOf(JoinFailure.class)
                .hasMessageContaining("no valid credentials in " + files.kubeconfig())
                .hasMessageContaining("everynode token create --print-join-command");
    }

    @Test
    void theClientCertificateIsRenewedAsTheNodeAfterMostOfItsLifeWithoutANewClient(@TempDir Path dir) throws Exception {
        ManualClock clock = new ManualClock(Instant.now());
        NodeCredentialFiles files = new NodeCredentialFiles(dir.resolve("node-e"));
        Duration life = Duration.ofMinutes(10); // the signer's shortest
        Kubeconfig joined = join(clock, WAIT).credentials(files, settings(token(null), pki.caHash(), "node-e", life));
        BigInteger first = joined.clientCertificates().get(0).getSerialNumber();

        try (JoinedClient client = new JoinedClient(
                joined,
                files,
                "node-e",
                new NodeCertificateRequest(clock, WAIT),
                life,
                ClientConfig.defaults(),
                clock,
                () -> 0.5, // renew at 80 % of the life
                Duration.ofMillis(100))) {
            X509Certificate cert = joined.clientCertificates().get(0);
            Instant due = CertificateRotation.renewalTime(cert, 0.5);
            Instant from = cert.getNotBefore().toInstant();
            long lifeMillis =
                    Duration.between(from, cert.getNotAfter().toInstant()).toMillis();
            assertThat(due).isEqualTo(from.plusMillis(Math.round(lifeMillis * 0.8)));
            clock.set(due.minusSeconds(1));
            assertThat(files.load().clientCertificates().get(0).getSerialNumber())
                    .isEqualTo(first);

            clock.set(due);
            await().atMost(WAIT)
                    .until(() -> !files.load()
                            .clientCertificates()
                            .get(0)
                            .getSerialNumber()
                            .equals(first));
            X509Certificate renewed = files.load().clientCertificates().get(0);
            assertThat(renewed.getSubjectX500Principal())
                    .isEqualTo(new X500Principal("CN=system:node:node-e, O=system:nodes"));
            assertThat(cp.client().list(CertificateSigningRequest.class, null).items())
                    .anySatisfy(c -> assertThat(c.getSpec().getUsername()).isEqualTo("system:node:node-e"));
            // The running client goes on with the new certificate.
            assertThat(client.client()
                            .list(
                                    Pod.class,
                                    null,
                                    new ListOptionsBuilder()
                                            .withFieldSelector("spec.nodeName=node-e")
                                            .build())
                            .items())
                    .isEmpty();
        }
    }
}
