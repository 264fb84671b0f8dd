package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** kubectl version and api-resources (kubectl-contract.md §2.26, §2.27) against a real server. */
class KubectlDiscoveryIT extends KubectlTestBase {

    @Test
    void versionPrintsTheServerVersion() {
        var r = kubectl.run("version").assertOk();
        assertThat(r.out()).contains("Server Version: v1.35.2");
        assertThat(r.err()).doesNotContain("skew");
    }

    @Test
    void apiResourcesListsEveryServedResourceWithShortNames() {
        var r = kubectl.run("api-resources").assertOk();
        assertThat(r.out()).containsPattern("daemonsets\\s+ds\\s+apps/v1\\s+true\\s+DaemonSet");
        assertThat(r.out()).containsPattern("pods\\s+po\\s+v1\\s+true\\s+Pod");
        assertThat(r.out()).containsPattern("nodes\\s+no\\s+v1\\s+false\\s+Node");
        assertThat(r.out()).containsPattern("priorityclasses\\s+pc\\s+scheduling.k8s.io/v1\\s+false\\s+PriorityClass");
        assertThat(r.out()).contains("controllerrevisions", "leases", "events", "namespaces");
    }

    @Test
    void theBuiltInNamespacesAndPriorityClassesExist() {
        assertThat(kubectl.ok("get", "ns", "-o", "name"))
                .contains(
                        "namespace/default",
                        "namespace/kube-system",
                        "namespace/kube-public",
                        "namespace/kube-node-lease");
        assertThat(kubectl.ok("get", "priorityclasses"))
                .containsPattern("system-node-critical\\s+2000001000\\s+false")
                .containsPattern("system-cluster-critical\\s+2000000000\\s+false");
    }
}
