package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.images.TestRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pods of one container node each have a network namespace of their own: two bind :8080 at once
 * and each answers at its pod IP from the host; a third's {@code hostPort} answers at the node's
 * address. Each pod's busybox httpd serves a page naming the pod (its hostname), so an answer
 * says which pod gave it.
 */
class PodNetworkOnContainerNodesIT {
    @TempDir
    Path dir;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @Test
    void twoPodsOfOneNodeBothServePort8080AtTheirOwnAddressesAndAHostPortAnswersAtTheNodesAddress() throws Exception {
        ContainerCluster.assumeAvailable();
        int hostPort = TestRegistry.freePort();
        try (ContainerCluster cluster =
                ContainerCluster.upWithImage(1, dir, "demo/web", "1", ContainerCluster.httpd("served by"))) {
            String image = cluster.image();
            cluster.apply(pod("web-a", image, "") + "---\n" + pod("web-b", image, "")
                    + "---\n"
                    + pod("web-c", image, "    ports: [{containerPort: 8080, hostPort: " + hostPort + "}]\n"));
            cluster.awaitDescribing(
                    "default",
                    () -> assertThat(cluster.kubectl(
                                    "get", "pods", "-o", "jsonpath={.items[*].status.containerStatuses[0].ready}"))
                            .isEqualTo("true true true"));
            String a = cluster.podField("default", "web-a", ".status.podIP");
            String b = cluster.podField("default", "web-b", ".status.podIP");
            assertThat(a).startsWith("10.244.").isNotEqualTo(b);
            assertThat(b).startsWith("10.244.");
            awaitAnswer("http://" + a + ":8080/", "served by web-a");
            awaitAnswer("http://" + b + ":8080/", "served by web-b");
            String nodeIP = cluster.kubectl(
                    "get", "node", "node-1", "-o", "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}");
            awaitAnswer("http://" + nodeIP + ":" + hostPort + "/", "served by web-c");
        }
    }

    private static String pod(String name, String image, String ports) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  nodeName: node-1
                  containers:
                  - name: web
                    image: %s
                """.formatted(name, image) + ports;
    }

    private void awaitAnswer(String url, String body) {
        await().atMost(ContainerCluster.WAIT)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .untilAsserted(() -> assertThat(http.send(
                                        HttpRequest.newBuilder(URI.create(url))
                                                .timeout(Duration.ofSeconds(5))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body())
                        .contains(body));
    }
}
