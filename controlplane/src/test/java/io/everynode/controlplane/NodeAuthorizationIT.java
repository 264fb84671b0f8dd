package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controlplane.testing.ControlPlaneExtension;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Node authorizer and NodeRestriction on a real API server, with in-process clients that
 * call as nodes {@code a} and {@code b} (what a node certificate will say over TLS): each node
 * reads only the secrets of its own pods and writes only its own Node, and cannot label itself
 * into {@code node-restriction.kubernetes.io/}.
 */
class NodeAuthorizationIT {
    @RegisterExtension
    final ControlPlaneExtension cluster = new ControlPlaneExtension();

    private KubeClient admin;
    private KubeClient nodeA;
    private KubeClient nodeB;

    @BeforeEach
    void twoNodesWithAPodAndASecretEach() {
        ControlPlane cp = cluster.get();
        admin = cp.client();
        nodeA = InProcessTransport.client(cp.api(), InProcessNodeClients.user("a"));
        nodeB = InProcessTransport.client(cp.api(), InProcessNodeClients.user("b"));
        nodeA.create(
                new NodeBuilder().withNewMetadata().withName("a").endMetadata().build());
        nodeB.create(
                new NodeBuilder().withNewMetadata().withName("b").endMetadata().build());
        for (String n : List.of("a", "b")) {
            admin.create(new SecretBuilder()
                    .withNewMetadata()
                    .withName("secret-" + n)
                    .withNamespace("default")
                    .endMetadata()
                    .addToStringData("k", "v")
                    .build());
            admin.create(new PodBuilder()
                    .withNewMetadata()
                    .withName("pod-" + n)
                    .withNamespace("default")
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName(n)
                    .addNewContainer()
                    .withName("c")
                    .withImage("busybox")
                    .endContainer()
                    .addNewVolume()
                    .withName("s")
                    .withNewSecret()
                    .withSecretName("secret-" + n)
                    .endSecret()
                    .endVolume()
                    .endSpec()
                    .build());
        }
        // Both nodes read their own pod's secret once the graph has the pods.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            assertThat(nodeA.get(Secret.class, "default", "secret-a")).isNotNull();
            assertThat(nodeB.get(Secret.class, "default", "secret-b")).isNotNull();
        });
    }

    private static ApiError refused(Runnable call) {
        ApiError e = catchThrowableOfType(ApiError.class, call::run);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(403);
        return e;
    }

    @Test
    void aNodeCannotReadTheSecretOfAPodOnAnotherNode() {
        ApiError e = refused(() -> nodeA.get(Secret.class, "default", "secret-b"));
        assertThat(e.getMessage())
                .isEqualTo("secrets \"secret-b\" is forbidden: User \"system:node:a\" cannot get resource \"secrets\""
                        + " in API group \"\" in the namespace \"default\": no relationship found between node 'a'"
                        + " and this object");
    }

    @Test
    void aNodeListsASecretOnlyByTheNameOfOneItsPodsUse() {
        var one = nodeA.list(
                Secret.class,
                "default",
                new ListOptionsBuilder()
                        .withFieldSelector("metadata.name=secret-a")
                        .build());
        assertThat(one.items()).extracting(s -> s.getMetadata().getName()).containsExactly("secret-a");

        ApiError all = refused(() -> nodeA.list(Secret.class, "default"));
        assertThat(all.getMessage()).endsWith("No Object name found");
        refused(() -> nodeA.list(
                Secret.class,
                "default",
                new ListOptionsBuilder()
                        .withFieldSelector("metadata.name=secret-b")
                        .build()));
    }

    @Test
    void aNodeCannotPatchAnotherNode() {
        ApiError e = refused(
                () -> nodeA.patch(Node.class, null, "b", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}"));
        assertThat(e.getMessage())
                .isEqualTo("nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"");
        refused(() ->
                nodeA.patch(Node.class, null, "b", PatchType.MERGE, "{\"status\":{\"phase\":\"Running\"}}", "status"));
        assertThat(admin.get(Node.class, null, "b").getMetadata().getLabels()).doesNotContainKey("x");
    }

    @Test
    void aNodeCannotLabelItselfIntoARestrictedLabelButMayUseItsOwnLabels() {
        ApiError e = refused(() -> nodeA.patch(
                Node.class,
                null,
                "a",
                PatchType.MERGE,
                "{\"metadata\":{\"labels\":{\"node-restriction.kubernetes.io/x\":\"1\"}}}"));
        assertThat(e.getMessage())
                .isEqualTo(
                        "nodes \"a\" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/x");
        assertThat(admin.get(Node.class, null, "a").getMetadata().getLabels())
                .doesNotContainKey("node-restriction.kubernetes.io/x");

        nodeA.patch(Node.class, null, "a", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"disk\":\"ssd\"}}}");
        assertThat(admin.get(Node.class, null, "a").getMetadata().getLabels()).containsEntry("disk", "ssd");
    }

    @Test
    void aNodeWritesStatusOfAndEvictsOnlyItsOwnPods() {
        ApiError status = refused(() -> nodeA.patch(
                Pod.class, "default", "pod-b", PatchType.MERGE, "{\"status\":{\"message\":\"mine\"}}", "status"));
        assertThat(status.getMessage())
                .isEqualTo("pods \"pod-b\" is forbidden: node \"a\" can only update pod status for pods with"
                        + " spec.nodeName set to itself");
        Pod podB = admin.get(Pod.class, "default", "pod-b");
        ApiError eviction = refused(() -> nodeA.evict(podB));
        assertThat(eviction.getMessage())
                .isEqualTo("pods \"pod-b\" is forbidden: node a can only evict pods with spec.nodeName set to itself");
        assertThat(admin.get(Pod.class, "default", "pod-b").getMetadata().getDeletionTimestamp())
                .isNull();

        nodeA.patch(Pod.class, "default", "pod-a", PatchType.MERGE, "{\"status\":{\"message\":\"mine\"}}", "status");
        assertThat(admin.get(Pod.class, "default", "pod-a").getStatus().getMessage())
                .isEqualTo("mine");
    }
}
