package io.everynode.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetwork;
import io.everynode.agent.netns.NodeNetworks;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relay as {@code up --runtime process} uses it, on this machine's real namespaces: a server
 * in the host namespace on the cluster bridge's address (where the agent's log server listens)
 * is reached at the node's own IP and the kubelet port, which live inside the node's namespace.
 * Skipped, with the reason, where the machine allows no network namespaces.
 */
class LogRelayInNamespaceLiveIT {
    @Test
    void theHostSideServerIsReachedAtTheNodesIpAndTheKubeletPort() throws Exception {
        Availability a = NodeNetworks.check();
        assumeTrue(a.available(), a.reason());
        try (NodeNetworks networks = new NodeNetworks("relay-live-test-" + UUID.randomUUID())) {
            NodeNetwork net = networks.create("node-1");
            HttpServer agentSide = HttpServer.create(new InetSocketAddress(net.hostIP(), 0), 0);
            agentSide.createContext("/", ex -> {
                byte[] body = ("served in the host namespace: " + ex.getRequestURI()).getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            });
            agentSide.start();
            LogEndpoint endpoint = LogEndpoint.relayed(net.launchPrefix(), net.hostIP());
            try (RelayProcess relay = RelayProcess.start(
                    endpoint.relayPrefix(),
                    net.nodeIP(),
                    endpoint.relayPort(),
                    net.hostIP(),
                    agentSide.getAddress().getPort(),
                    Duration.ofSeconds(60))) {
                HttpClient http = HttpClient.newBuilder()
                        .proxy(HttpClient.Builder.NO_PROXY)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();

                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + net.nodeIP() + ":" + LogEndpoint.KUBELET_PORT
                                        + "/containerLogs/default/web/main"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(relay.port()).isEqualTo(LogEndpoint.KUBELET_PORT);
                assertThat(r.body()).isEqualTo("served in the host namespace: /containerLogs/default/web/main");
            } finally {
                agentSide.stop(0);
            }
        }
    }
}
