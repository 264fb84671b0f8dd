package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * kubectl delete of a pod (graceful, the test plays kubelet) and of a DaemonSet under each
 * cascade policy (kubectl-contract.md §2.17, §2.18; R6.8).
 */
class KubectlDeleteIT extends KubectlTestBase {

    @BeforeAll
    void seed() throws Exception {
        for (String ns : new String[] {"del-pod", "del-bg", "del-orphan", "del-fg", "del-dry"}) world.namespace(ns);
        world.node("n1");
    }

    @Test
    void aBoundPodIsDeletedGracefullyAndGoesAwayOnTheKubeletsFinalDelete() {
        world.barePod("del-pod", "web", "n1", "{}");
        assertThat(kubectl.ok("delete", "pod", "-n", "del-pod", "web", "--wait=false"))
                .isEqualTo("pod \"web\" deleted from del-pod namespace\n");
        ObjectNode terminating = api.object("/api/v1/namespaces/del-pod/pods/web");
        assertThat(terminating.at("/metadata/deletionTimestamp").asString()).isNotEmpty();
        assertThat(kubectl.ok("get", "pod", "-n", "del-pod", "web", "--no-headers"))
                .contains("Terminating");

        api.delete("/api/v1/namespaces/del-pod/pods/web", "{\"gracePeriodSeconds\":0}")
                .assertCode(200);
        assertThat(api.exists("/api/v1/namespaces/del-pod/pods/web")).isFalse();
    }

    @Test
    void deletingAnUnboundPodRemovesItAtOnce() {
        world.barePod("del-pod", "pending", null, "{}");
        assertThat(kubectl.ok("delete", "pod", "-n", "del-pod", "pending"))
                .isEqualTo("pod \"pending\" deleted from del-pod namespace\n");
        assertThat(api.exists("/api/v1/namespaces/del-pod/pods/pending")).isFalse();
    }

    @Test
    void backgroundCascadeRemovesTheDaemonSetsPodsAndRevisions() {
        ObjectNode ds = world.daemonSet("del-bg", "agent");
        world.daemonPod(ds, "agent-aaaaa", "n1");
        world.revision(ds, "agent-abc", 1);
        assertThat(kubectl.ok("delete", "ds", "-n", "del-bg", "agent"))
                .isEqualTo("daemonset.apps \"agent\" deleted from del-bg namespace\n");
        assertThat(api.exists("/apis/apps/v1/namespaces/del-bg/daemonsets/agent"))
                .isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(api.exists("/apis/apps/v1/namespaces/del-bg/controllerrevisions/agent-abc"))
                    .isFalse();
            // the bound pod is deleted gracefully: the GC's delete marks it, the kubelet removes it
            var pod = api.get("/api/v1/namespaces/del-bg/pods/agent-aaaaa");
            assertThat(pod.code() == 404
                            || !pod.json().at("/metadata/deletionTimestamp").isMissingNode())
                    .isTrue();
        });
        api.delete("/api/v1/namespaces/del-bg/pods/agent-aaaaa", "{\"gracePeriodSeconds\":0}");
        assertThat(api.exists("/api/v1/namespaces/del-bg/pods/agent-aaaaa")).isFalse();
    }

    @Test
    void orphanCascadeKeepsTheDependentsWithoutOwnerReferences() {
        ObjectNode ds = world.daemonSet("del-orphan", "agent");
        world.daemonPod(ds, "agent-aaaaa", "n1");
        world.revision(ds, "agent-abc", 1);
        assertThat(kubectl.ok("delete", "ds", "-n", "del-orphan", "agent", "--cascade=orphan"))
                .isEqualTo("daemonset.apps \"agent\" deleted from del-orphan namespace\n");
        assertThat(api.exists("/apis/apps/v1/namespaces/del-orphan/daemonsets/agent"))
                .isFalse();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ObjectNode pod = api.object("/api/v1/namespaces/del-orphan/pods/agent-aaaaa");
            assertThat(pod.at("/metadata/ownerReferences").isMissingNode()
                            || pod.at("/metadata/ownerReferences").isEmpty())
                    .isTrue();
            assertThat(pod.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
            ObjectNode rev = api.object("/apis/apps/v1/namespaces/del-orphan/controllerrevisions/agent-abc");
            assertThat(rev.at("/metadata/ownerReferences").isMissingNode()
                            || rev.at("/metadata/ownerReferences").isEmpty())
                    .isTrue();
        });
    }

    @Test
    void foregroundCascadeDeletesTheDependentsBeforeTheDaemonSet() {
        ObjectNode ds = world.daemonSet("del-fg", "agent");
        world.barePod("del-fg", "unrelated", null, "{\"app\":\"agent\"}");
        world.revision(ds, "agent-abc", 1);
        world.daemonPod(ds, "agent-aaaaa", "n1");
        var r = kubectl.run("delete", "ds", "-n", "del-fg", "agent", "--cascade=foreground", "--wait=false")
                .assertOk();
        assertThat(r.out()).isEqualTo("daemonset.apps \"agent\" deleted from del-fg namespace\n");
        // while the bound pod is still terminating, the DaemonSet waits with the foreground finalizer
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ObjectNode pod = api.object("/api/v1/namespaces/del-fg/pods/agent-aaaaa");
            assertThat(pod.at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
        });
        ObjectNode waiting = api.object("/apis/apps/v1/namespaces/del-fg/daemonsets/agent");
        assertThat(waiting.at("/metadata/finalizers/0").asString()).isEqualTo("foregroundDeletion");
        assertThat(waiting.at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
        api.delete("/api/v1/namespaces/del-fg/pods/agent-aaaaa", "{\"gracePeriodSeconds\":0}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(api.exists("/apis/apps/v1/namespaces/del-fg/daemonsets/agent"))
                    .isFalse();
            assertThat(api.exists("/apis/apps/v1/namespaces/del-fg/controllerrevisions/agent-abc"))
                    .isFalse();
        });
        assertThat(api.exists("/api/v1/namespaces/del-fg/pods/unrelated")).isTrue();
    }

    @Test
    void serverDryRunDeleteKeepsTheDaemonSet() {
        world.daemonSet("del-dry", "agent");
        assertThat(kubectl.ok("delete", "ds", "-n", "del-dry", "agent", "--dry-run=server"))
                .isEqualTo("daemonset.apps \"agent\" deleted from del-dry namespace (server dry run)\n");
        assertThat(api.exists("/apis/apps/v1/namespaces/del-dry/daemonsets/agent"))
                .isTrue();
    }

    @Test
    void deletingAMissingPodIsNotFound() {
        var r = kubectl.run("delete", "pod", "-n", "del-pod", "ghost");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Error from server (NotFound): pods \"ghost\" not found\n");
    }
}
