package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.Kubectl;
import io.everynode.apiserver.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl version and api-resources (kubectl-contract.md §2.26, §2.27) against a real server. */
class KubectlDiscoveryTest {
    static TestServer server;
    static Kubectl kubectl;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.memory();
        kubectl = new Kubectl(server.url(), dir);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

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
        assertThat(kubectl.run("get", "ns", "-o", "name").assertOk().out())
                .contains("namespace/default", "namespace/kube-system", "namespace/kube-public", "namespace/kube-node-lease");
        assertThat(kubectl.run("get", "priorityclasses").assertOk().out())
                .containsPattern("system-node-critical\\s+2000001000\\s+false")
                .containsPattern("system-cluster-critical\\s+2000000000\\s+false");
    }
}
