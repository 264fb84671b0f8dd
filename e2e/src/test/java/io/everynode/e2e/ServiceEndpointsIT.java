package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Service over a node-exporter-like DaemonSet (a named metrics port) on three simulated nodes,
 * read back with the real kubectl: {@code kubectl get endpoints} lists one address per node, and
 * {@code kubectl get endpointslices} the same pods with their conditions.
 *
 * <p>Readiness is the test's to change: the pods' readiness probe asks an HTTP endpoint this test
 * serves on 127.0.0.1 (on simulated nodes a probe with an explicit host is sent for real, unless
 * the pod is on the host network, whose probes are simulated), which answers 200 or 503 as the
 * test says.
 */
class ServiceEndpointsIT {
    static GuideCluster cluster;
    static HttpServer readiness;
    static final AtomicBoolean READY = new AtomicBoolean(true);

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        readiness = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        readiness.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(READY.get() ? 200 : 503, -1);
            exchange.close();
        });
        readiness.start();
        cluster = GuideCluster.up(3, dir);
        cluster.namespace("monitoring");
        assertThat(cluster.apply(manifest(readiness.getAddress().getPort())))
                .isEqualTo("daemonset.apps/node-exporter created\nservice/node-exporter created\n");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
        if (readiness != null) readiness.stop(0);
    }

    static String manifest(int readyPort) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: node-exporter, namespace: monitoring}
                spec:
                  selector: {matchLabels: {app: node-exporter}}
                  template:
                    metadata: {labels: {app: node-exporter}}
                    spec:
                      containers:
                        - name: node-exporter
                          image: example/node-exporter:1
                          ports: [{name: http-metrics, containerPort: 9100}]
                          readinessProbe:
                            httpGet: {host: 127.0.0.1, port: %d, path: /ready}
                            periodSeconds: 1
                            failureThreshold: 1
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: node-exporter, namespace: monitoring, labels: {app: node-exporter}}
                spec:
                  selector: {app: node-exporter}
                  ports: [{name: metrics, port: 9100, targetPort: http-metrics}]
                """.formatted(readyPort);
    }

    /**
     * "node ip" of each address under {@code field} (addresses, notReadyAddresses) of the
     * Endpoints, sorted; "ip" stands for any pod IP (simulated nodes hand them out).
     */
    static List<String> endpointAddresses(String field) {
        String out = cluster.kubectl(
                "get",
                "endpoints",
                "node-exporter",
                "-n",
                "monitoring",
                "-o",
                "jsonpath={range .subsets[*]}{range ." + field + "[*]}{.nodeName} {.ip}{\"\\n\"}{end}{end}");
        return out.lines()
                .map(l -> l.replaceFirst(" \\d+\\.\\d+\\.\\d+\\.\\d+$", " ip"))
                .sorted()
                .toList();
    }

    /** "node ready serving terminating" of each endpoint of the Service's slices, sorted. */
    static List<String> sliceEndpoints() {
        String out = cluster.kubectl(
                "get",
                "endpointslices",
                "-n",
                "monitoring",
                "-l",
                "kubernetes.io/service-name=node-exporter",
                "-o",
                "jsonpath={range .items[*].endpoints[*]}{.nodeName} {.conditions.ready} {.conditions.serving}"
                        + " {.conditions.terminating}{\"\\n\"}{end}");
        return out.lines().sorted().toList();
    }

    private static List<String> each(String suffix) {
        return List.of("node-1" + suffix, "node-2" + suffix, "node-3" + suffix);
    }

    @Test
    void theEndpointsAndSlicesListOnePodPerNodeAndFollowItsReadiness() {
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(endpointAddresses("addresses")).isEqualTo(each(" ip")));
        assertThat(cluster.kubectl(
                        "get", "endpoints", "node-exporter", "-n", "monitoring", "-o", "jsonpath={.subsets[*].ports}"))
                .contains("\"name\":\"metrics\"")
                .contains("\"port\":9100");
        assertThat(cluster.kubectl("get", "endpoints", "node-exporter", "-n", "monitoring"))
                .containsPattern("(?m)^node-exporter\\s");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints()).isEqualTo(each(" true true false")));
        assertThat(cluster.kubectl("get", "endpointslices", "-n", "monitoring", "-o", "name"))
                .containsPattern("endpointslice.discovery.k8s.io/node-exporter-[a-z0-9]{5}");

        READY.set(false);
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(
                        () -> assertThat(endpointAddresses("notReadyAddresses")).isEqualTo(each(" ip")));
        assertThat(endpointAddresses("addresses")).isEmpty();
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints()).isEqualTo(each(" false false false")));

        READY.set(true);
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(endpointAddresses("addresses")).isEqualTo(each(" ip")));
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(sliceEndpoints()).isEqualTo(each(" true true false")));
    }

    @Test
    void deletingTheServiceTakesItsEndpointsAndSlicesWithIt() {
        cluster.apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: short-lived, namespace: monitoring}
                spec:
                  selector: {app: node-exporter}
                  ports: [{name: metrics, port: 9100, targetPort: http-metrics}]
                """);
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.kubectl("get", "endpoints", "-n", "monitoring", "-o", "name")
                                .contains("endpoints/short-lived")
                        && cluster.kubectl(
                                        "get",
                                        "endpointslices",
                                        "-n",
                                        "monitoring",
                                        "-l",
                                        "kubernetes.io/service-name=short-lived",
                                        "-o",
                                        "name")
                                .contains("short-lived-"));

        cluster.kubectl("delete", "service", "short-lived", "-n", "monitoring");

        await().atMost(GuideCluster.WAIT)
                .until(() -> !cluster.kubectl("get", "endpoints", "-n", "monitoring", "-o", "name")
                                .contains("endpoints/short-lived")
                        && cluster.kubectl(
                                        "get",
                                        "endpointslices",
                                        "-n",
                                        "monitoring",
                                        "-l",
                                        "kubernetes.io/service-name=short-lived",
                                        "-o",
                                        "name")
                                .isBlank());
    }
}
