package io.everynode.agent.join;

import io.everynode.client.ClientConfig;
import io.everynode.client.FailoverTransport;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * A joined node's client over HTTPS with its certificate, and the rotation that renews that
 * certificate and swaps it into the client's transport ({@link HttpTransport#renewTls}, one per
 * server) while the agent runs. Close the rotation with the client.
 */
public final class JoinedClient implements AutoCloseable {
    private final KubeClient client;
    private final CertificateRotation rotation;

    /**
     * @param credentials what {@link NodeJoin#credentials} answered for {@code files}
     * @param checkEvery how often the rotation looks at the certificate (its decision is on
     *     {@code clock})
     */
    public JoinedClient(
            Kubeconfig credentials,
            NodeCredentialFiles files,
            String nodeName,
            NodeCertificateRequest requests,
            Duration certificateLifetime,
            ClientConfig config,
            Clock clock,
            DoubleSupplier jitter,
            Duration checkEvery) {
        this(
                credentials,
                List.of(credentials.server()),
                files,
                nodeName,
                requests,
                certificateLifetime,
                config,
                clock,
                jitter,
                checkEvery);
    }

    /**
     * As above, calling {@code servers} (several API servers of one cluster) through a {@link
     * FailoverTransport}, each with the node's credentials.
     */
    public JoinedClient(
            Kubeconfig credentials,
            List<URI> servers,
            NodeCredentialFiles files,
            String nodeName,
            NodeCertificateRequest requests,
            Duration certificateLifetime,
            ClientConfig config,
            Clock clock,
            DoubleSupplier jitter,
            Duration checkEvery) {
        List<HttpTransport> transports = servers.stream()
                .map(server -> new HttpTransport(server, config, credentials.sslContext(), credentials.token()))
                .toList();
        this.client = new KubeClient(new FailoverTransport(transports), config, clock);
        this.rotation = new CertificateRotation(
                        files,
                        nodeName,
                        client,
                        requests,
                        certificateLifetime,
                        clock,
                        jitter,
                        renewed -> transports.forEach(t -> t.renewTls(renewed.sslContext())))
                .start(checkEvery);
    }

    public KubeClient client() {
        return client;
    }

    @Override
    public void close() {
        rotation.close();
        client.close();
    }
}
