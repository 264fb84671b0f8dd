package io.everynode.agent.join;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.pki.KeyAndCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a node agent gets its credentials: the ones an earlier join left under its directory while
 * their certificate is valid (no token needed, as the kubelet restarts on its
 * {@code kubelet.conf}); else kubeadm's discovery with a bootstrap token and the CA hash, then TLS
 * bootstrapping (a CSR sent with the token, {@code system:bootstrap:<id>}), then the files. With
 * several servers, each is tried in turn until one of them joins the node. A failure writes
 * nothing.
 */
public final class NodeJoin {
    private final ClusterDiscovery discovery;
    private final NodeCertificateRequest requests;
    private final ClientConfig config;
    private final Clock clock;

    public NodeJoin(ClusterDiscovery discovery, NodeCertificateRequest requests, ClientConfig config, Clock clock) {
        this.discovery = discovery;
        this.requests = requests;
        this.config = config;
        this.clock = clock;
    }

    /**
     * What to join with.
     *
     * @param servers the API servers to join through, tried in this order until one succeeds
     * @param token the bootstrap token, or null when the node must have joined before
     * @param certificateLifetime the certificate lifetime to ask for, or null for the signer's
     */
    public record Settings(
            List<URI> servers,
            BootstrapToken token,
            List<String> caHashes,
            boolean skipCaVerification,
            String nodeName,
            Duration certificateLifetime) {
        public Settings {
            if (servers.isEmpty()) throw new IllegalArgumentException("at least one server is needed");
            servers = List.copyOf(servers);
            caHashes = List.copyOf(caHashes);
        }

        /** Through one server. */
        public Settings(
                URI server,
                BootstrapToken token,
                List<String> caHashes,
                boolean skipCaVerification,
                String nodeName,
                Duration certificateLifetime) {
            this(List.of(server), token, caHashes, skipCaVerification, nodeName, certificateLifetime);
        }
    }

    /**
     * The node's credentials: those on disk when still valid, else freshly joined ones.
     *
     * @throws JoinFailure when there are none and joining fails or has no token
     */
    public Kubeconfig credentials(NodeCredentialFiles files, Settings s) {
        Optional<Kubeconfig> existing = files.loadValid(clock.instant());
        if (existing.isPresent()) return existing.get();
        if (s.token() == null)
            throw new JoinFailure("node " + s.nodeName() + " has no valid credentials in " + files.kubeconfig()
                    + " and no --token to join with (create one on the server with: everynode token create"
                    + " --print-join-command)");
        JoinFailure failure = null;
        for (URI server : s.servers()) {
            try {
                return join(files, s, server);
            } catch (JoinFailure e) {
                failure = e; // another server of the cluster may answer
            }
        }
        throw failure;
    }

    /** Discovery, the CSR and the files, through {@code server}. */
    private Kubeconfig join(NodeCredentialFiles files, Settings s, URI server) {
        ClusterDiscovery.Discovered cluster =
                discovery.discover(server, s.token(), s.caHashes(), s.skipCaVerification());
        KeyAndCertificate issued;
        try (KubeClient bootstrap = new KubeClient(
                new HttpTransport(
                        server,
                        config,
                        new Kubeconfig(server, cluster.ca(), null, List.of(), null).sslContext(),
                        s.token().toString()),
                config,
                clock)) {
            issued = requests.request(bootstrap, s.nodeName(), s.certificateLifetime());
        }
        files.write(server, cluster.ca().get(0), s.nodeName(), issued);
        try {
            return files.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
