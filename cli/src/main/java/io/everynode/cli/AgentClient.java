package io.everynode.cli;

import io.everynode.agent.join.ClusterDiscovery;
import io.everynode.agent.join.JoinedClient;
import io.everynode.agent.join.NodeCertificateRequest;
import io.everynode.agent.join.NodeCredentialFiles;
import io.everynode.agent.join.NodeJoin;
import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.client.ClientConfig;
import io.everynode.client.FailoverTransport;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The client {@code everynode agent} calls the API with, by its flags: {@code --kubeconfig}'s
 * credentials; else, over HTTPS, the node's own (joined with {@code --token} now, or before, kept
 * under the node's directory) with their rotation; else plain HTTP to a loopback server. With
 * several {@code --server}s, one transport per server behind a {@link FailoverTransport}.
 */
final class AgentClient implements AutoCloseable {
    /** How long a CSR may wait for approval and signing (an approver is a person, for other requestors). */
    static final Duration CSR_WAIT = Duration.ofMinutes(15);
    /** How often a rotation looks at the certificate (it renews days before the end of a year-long one). */
    static final Duration ROTATION_CHECK = Duration.ofMinutes(1);

    private final KubeClient client;
    private final List<X509Certificate> clusterCa;
    private final AutoCloseable owner;

    private AgentClient(KubeClient client, List<X509Certificate> clusterCa, AutoCloseable owner) {
        this.client = client;
        this.clusterCa = List.copyOf(clusterCa);
        this.owner = owner;
    }

    KubeClient client() {
        return client;
    }

    /** The cluster CA the client trusts (empty over plain HTTP): the agent's endpoint then serves HTTPS to the API server. */
    List<X509Certificate> clusterCa() {
        return clusterCa;
    }

    /**
     * @throws IllegalArgumentException for flags that do not go together or do not parse
     * @throws io.everynode.agent.join.JoinFailure when joining fails
     */
    static AgentClient connect(AgentCommand flags, Path nodeDir, Clock clock) {
        ClientConfig config = ClientConfig.defaults().withUserAgent("everynode-agent/" + flags.nodeName);
        if (flags.kubeconfig != null) {
            if (flags.token != null) throw new IllegalArgumentException("use --kubeconfig or --token, not both");
            Kubeconfig k;
            try {
                k = Kubeconfig.load(flags.kubeconfig);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kubeconfig: " + e.getMessage(), e);
            }
            KubeClient c = new KubeClient(
                    new FailoverTransport(flags.servers.stream()
                            .map(server -> new HttpTransport(server, config, k.sslContext(), k.token()))
                            .toList()),
                    config,
                    clock);
            return new AgentClient(c, k.certificateAuthority(), c);
        }
        long https = flags.servers.stream()
                .filter(server -> "https".equals(server.getScheme()))
                .count();
        if (https != 0 && https != flags.servers.size())
            throw new IllegalArgumentException("--server: all https:// or all http://, not both");
        if (https == 0) {
            if (flags.token != null)
                throw new IllegalArgumentException("--token joins over HTTPS only: --server must be https://...");
            KubeClient c = new KubeClient(
                    new FailoverTransport(flags.servers.stream()
                            .map(server -> new HttpTransport(server, config))
                            .toList()),
                    config,
                    clock);
            return new AgentClient(c, List.of(), c);
        }
        BootstrapToken token = flags.token == null
                ? null
                : BootstrapToken.parse(flags.token)
                        .orElseThrow(() -> new IllegalArgumentException("the bootstrap token \"" + flags.token
                                + "\" was not of the form \"[a-z0-9]{6}.[a-z0-9]{16}\""));
        NodeCredentialFiles files = new NodeCredentialFiles(nodeDir);
        NodeCertificateRequest requests = new NodeCertificateRequest(clock, CSR_WAIT);
        Kubeconfig credentials = new NodeJoin(
                        new ClusterDiscovery(config, clock, flags.discoveryTimeout, Duration.ofSeconds(1)),
                        requests,
                        config,
                        clock)
                .credentials(
                        files,
                        new NodeJoin.Settings(
                                flags.servers, token, flags.caHashes, flags.skipCaVerification, flags.nodeName, null));
        SecureRandom random = new SecureRandom();
        JoinedClient joined = new JoinedClient(
                credentials,
                flags.servers,
                files,
                flags.nodeName,
                requests,
                null,
                config,
                clock,
                random::nextDouble,
                ROTATION_CHECK);
        return new AgentClient(joined.client(), credentials.certificateAuthority(), joined);
    }

    @Override
    public void close() {
        try {
            owner.close();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
