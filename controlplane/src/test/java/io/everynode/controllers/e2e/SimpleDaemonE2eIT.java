package io.everynode.controllers.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Upstream conformance "should run and stop simple daemon": one pod per node, revived when deleted. */
class SimpleDaemonE2eIT extends E2eTestBase {
    @BeforeEach
    void nodes() {
        cluster.addNode("node-1");
        cluster.addNode("node-2");
    }

    @Test
    void aSimpleDaemonRunsOnePodOnEveryNodeAndKubectlGetShowsItAvailable() throws Exception {
        assertThat(kubectl.apply(Manifest.daemonSet("daemon-set").yaml()))
                .isEqualTo("daemonset.apps/daemon-set created\n");

        awaitAvailable("daemon-set", 2);

        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1, "node-2", 1));
        String table = kubectl.ok("get", "ds", "daemon-set");
        assertThat(table)
                .containsPattern(
                        "NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+NODE SELECTOR\\s+AGE");
        assertThat(table).containsPattern("daemon-set\\s+2\\s+2\\s+2\\s+2\\s+2\\s+<none>\\s+\\S+");
        assertThat(kubectl.ok("get", "pods", "-l", "daemonset-name=daemon-set", "-o", "wide"))
                .containsPattern("daemon-set-\\S{5}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+node-1")
                .containsPattern("daemon-set-\\S{5}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+node-2");
    }

    @Test
    void aDeletedDaemonPodIsRevivedOnTheSameNode() throws Exception {
        kubectl.apply(Manifest.daemonSet("daemon-set").yaml());
        awaitAvailable("daemon-set", 2);
        Pod victim = Daemons.byNode(cluster.pods()).get("node-2").get(0);

        // kubectl delete waits for the pod to be gone, so the kubelet must finish the graceful delete meanwhile.
        Kubectl.Background delete =
                kubectl.background("delete", "pod", victim.getMetadata().getName());
        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return delete.finished();
        });
        assertThat(delete.await().assertOk().out())
                .isEqualTo("pod \"" + victim.getMetadata().getName() + "\" deleted from default namespace\n");

        await().atMost(WAIT).until(() -> {
            kubelet.step();
            return cluster.counts("daemon-set").available() == 2
                    && Daemons.byNode(cluster.pods()).containsKey("node-2");
        });
        Pod revived = Daemons.byNode(cluster.pods()).get("node-2").get(0);
        assertThat(revived.getMetadata().getName())
                .isNotEqualTo(victim.getMetadata().getName());
        assertThat(Daemons.countByNode(cluster.pods())).isEqualTo(Map.of("node-1", 1, "node-2", 1));
    }
}
