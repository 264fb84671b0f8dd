package io.everynode.cli;

import io.everynode.agent.AgentConfig;
import io.everynode.agent.SimulatedFleet;
import io.everynode.agent.SimulatedRuntime;
import io.everynode.agent.endpointauth.EndpointSecurity;
import io.everynode.agent.endpointauth.ServingCertificate;
import io.everynode.agent.endpointauth.SubjectAccessReviewAuthorizer;
import io.everynode.client.ClientConfig;
import io.everynode.client.FailoverTransport;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.pki.ClusterPki;
import io.everynode.pki.KubeconfigFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cluster of {@code everynode up --ha N}: N etcd members ({@link LocalEtcd}), N API servers
 * in this process on that etcd (each with the controllers under leader election, all sharing one
 * PKI), and simulated nodes whose agents call over HTTPS as {@code system:node:NAME}, given every
 * server's URL ({@link FailoverTransport}), as agents on other machines would be. {@link #close()}
 * stops the nodes, the servers (giving their Leases up), then the etcd members.
 */
final class HaCluster implements AutoCloseable {
    final LocalEtcd etcd;
    final List<ControlPlane> servers = new ArrayList<>();
    final Path kubeconfig;
    private final ClusterPki pki;
    private final Path nodesDir;
    private final Clock clock;
    private final Map<String, KubeClient> nodeClients = new ConcurrentHashMap<>();
    SimulatedFleet fleet;

    HaCluster(LocalEtcd etcd, ClusterPki pki, Path kubeconfig, Path nodesDir, Clock clock) {
        this.etcd = etcd;
        this.pki = pki;
        this.kubeconfig = kubeconfig;
        this.nodesDir = nodesDir;
        this.clock = clock;
    }

    /** Every server's URL, the first one the kubeconfig's. */
    List<URI> urls() {
        return servers.stream().map(s -> URI.create(s.url())).toList();
    }

    /** Starts the simulated nodes {@code configs}, each registered and Ready when this returns. */
    void startNodes(List<AgentConfig> configs, SimulatedRuntime.Config runtime, int parallelism) {
        if (configs.isEmpty()) return;
        String first = configs.get(0).nodeName();
        EndpointSecurity logs = new EndpointSecurity(
                new ServingCertificate(pki.nodeServing(first, List.of("127.0.0.1"))),
                List.of(pki.ca().certificate()),
                new SubjectAccessReviewAuthorizer(forNode(first), clock));
        fleet = new SimulatedFleet(forNode(first), this::forNode, clock, runtime, logs);
        fleet.addAll(configs, parallelism);
    }

    /**
     * The client node {@code node} calls with: a client certificate {@code CN=system:node:NODE,
     * O=system:nodes} from the cluster CA, kept in {@code NODES/NODE/kubelet.conf} as a joined
     * agent keeps it, to every server in turn.
     */
    KubeClient forNode(String node) {
        return nodeClients.computeIfAbsent(node, n -> {
            try {
                java.nio.file.Files.createDirectories(nodesDir.resolve(n));
                Path conf = KubeconfigFile.writeWithCertificate(
                        nodesDir.resolve(n).resolve("kubelet.conf"),
                        servers.get(0).url(),
                        pki.ca().certificate(),
                        pki.ca()
                                .newClient(
                                        "system:node:" + n,
                                        List.of("system:nodes"),
                                        clock.instant(),
                                        ClusterPki.LEAF_VALIDITY));
                Kubeconfig k = Kubeconfig.load(conf);
                ClientConfig config = ClientConfig.defaults().withUserAgent("everynode-agent/" + n);
                return new KubeClient(
                        new FailoverTransport(urls().stream()
                                .map(u -> new HttpTransport(u, config, k.sslContext(), null))
                                .toList()),
                        config,
                        clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            if (fleet != null) fleet.close();
        } finally {
            try {
                for (ControlPlane s : servers) {
                    try {
                        s.close();
                    } catch (RuntimeException e) {
                        // the others and etcd are stopped all the same
                    }
                }
            } finally {
                etcd.close();
            }
        }
    }
}
