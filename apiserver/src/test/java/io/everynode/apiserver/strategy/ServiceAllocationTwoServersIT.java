package io.everynode.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Two API servers on one SQLite store, as two servers on one etcd: Services created through
 * both at once never share a clusterIP or a nodePort (docs/services.md, "Allocation"), and
 * {@code kubectl get ipaddresses} lists the claims. The ranges are small, so that the creates fill
 * the node port range: without a guard across servers, their last picks would collide.
 */
class ServiceAllocationTwoServersIT {
    static TestServer first;
    static TestServer second;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        first = TestServer.sqlite(
                dir.resolve("data"),
                ApiServerConfig.defaults().withServiceNetwork(new ServiceNetwork("10.0.0.0/26", 30000, 30039)));
        second = TestServer.beside(first);
    }

    @AfterAll
    static void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    static String service(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"type\":\"NodePort\",\"selector\":{\"app\":\"x\"},"
                + "\"ports\":[{\"port\":80,\"targetPort\":8080}]}}";
    }

    @Test
    void servicesCreatedThroughTwoServersAtOnceGetDistinctAddressesAndPorts(@TempDir Path kubeDir) throws Exception {
        List<RawApi> servers = List.of(new RawApi(first.url()), new RawApi(second.url()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<JsonNode>> created = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                RawApi api = servers.get(i % 2);
                String name = "svc-" + i;
                Callable<JsonNode> create = () -> api.post("/api/v1/namespaces/default/services", service(name))
                        .assertCode(201)
                        .json();
                created.add(pool.submit(create));
            }
            List<String> ips = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (Future<JsonNode> f : created) {
                JsonNode svc = f.get();
                ips.add(svc.at("/spec/clusterIP").asString());
                ports.add(svc.at("/spec/ports/0/nodePort").asInt());
            }
            assertThat(ips).doesNotHaveDuplicates().doesNotContain("", "10.0.0.1");
            assertThat(ports).doesNotHaveDuplicates().allMatch(p -> p >= 30000 && p <= 30039);

            Kubectl kubectl = Kubectl.forServer(second.url(), kubeDir);
            String table = kubectl.ok("get", "ipaddresses");
            assertThat(table).containsPattern("NAME\\s+PARENTREF");
            assertThat(table).containsPattern("10\\.0\\.0\\.1\\s+services/default/kubernetes");
            assertThat(table).containsPattern(ips.get(7).replace(".", "\\.") + "\\s+services/default/svc-7");

            // A delete through one server frees the address for a Service asking for it through the other.
            servers.get(0)
                    .delete("/api/v1/namespaces/default/services/svc-7", "{}")
                    .assertCode(200);
            String asked = service("svc-again")
                    .replace("\"type\":\"NodePort\"", "\"type\":\"NodePort\",\"clusterIP\":\"" + ips.get(7) + "\"")
                    .replace("\"targetPort\":8080", "\"targetPort\":8080,\"nodePort\":" + ports.get(7));
            JsonNode again = servers.get(1)
                    .post("/api/v1/namespaces/default/services", asked)
                    .assertCode(201)
                    .json();
            assertThat(again.at("/spec/clusterIP").asString()).isEqualTo(ips.get(7));
            // the range is full now: a Service without a nodePort gets none, through either server
            assertThat(servers.get(0)
                            .post("/api/v1/namespaces/default/services", service("one-too-many"))
                            .assertCode(422)
                            .body())
                    .contains("failed to allocate a nodePort: range is full");
            // and asking for an address another Service holds is refused with upstream's message
            String taken = service("svc-taken")
                    .replace("\"type\":\"NodePort\"", "\"type\":\"NodePort\",\"clusterIP\":\"" + ips.get(8) + "\"");
            assertThat(servers.get(1)
                            .post("/api/v1/namespaces/default/services", taken)
                            .assertCode(422)
                            .body())
                    .contains("spec.clusterIPs: Invalid value: [\\\"" + ips.get(8) + "\\\"]: failed to allocate IP "
                            + ips.get(8) + ": provided IP is already allocated");
        } finally {
            pool.shutdownNow();
        }
    }
}
