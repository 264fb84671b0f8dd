package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;

/**
 * The in-place image change the runtime ITs drive alike: a pod of two sleeping containers
 * ({@code main} and {@code side}), {@code main}'s image patched, and what must follow: {@code main}
 * restarted once on the new image, in the same pod (uid and IP), {@code side} untouched.
 */
final class InPlaceImageChange {
    private InPlaceImageChange() {}

    /** Pod {@code name} on {@code node}: {@code main} and {@code side}, both sleeping. */
    static Pod twoContainers(String name, String node) {
        return new PodBuilder(TestCluster.pod(name, node).build())
                .editSpec()
                .editFirstContainer()
                .withCommand("sh", "-c", "exec sleep 600")
                .endContainer()
                .addNewContainer()
                .withName("side")
                .withImage("busybox:1.36")
                .withCommand("sh", "-c", "exec sleep 600")
                .endContainer()
                .endSpec()
                .build();
    }

    /**
     * Patches {@code main}'s image of running pod {@code name} to busybox:1.37, waits until it runs
     * again, ready, and checks that only {@code main} restarted, in the same pod; answers the pod.
     */
    static Pod changeMainImage(TestCluster cluster, String name, Duration atMost) {
        Pod before = cluster.pod(name).orElseThrow();
        cluster.client.patch(
                Pod.class,
                "default",
                name,
                PatchType.STRATEGIC,
                "{\"spec\":{\"containers\":[{\"name\":\"main\",\"image\":\"busybox:1.37\"}]}}");

        await().atMost(atMost).untilAsserted(() -> {
            Pod p = cluster.pod(name).orElseThrow();
            var cs = p.getStatus().getContainerStatuses().get(0);
            assertThat(cs.getImage()).as(cs.toString()).isEqualTo("busybox:1.37");
            assertThat(cs.getRestartCount()).as(cs.toString()).isEqualTo(1);
            assertThat(cs.getState().getRunning()).as(cs.toString()).isNotNull();
            assertThat(TestCluster.runningAndReady(p))
                    .as(p.getStatus().toString())
                    .isTrue();
        });
        Pod after = cluster.pod(name).orElseThrow();
        assertThat(after.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid());
        assertThat(after.getStatus().getPodIP()).isEqualTo(before.getStatus().getPodIP());
        var side = after.getStatus().getContainerStatuses().get(1);
        assertThat(side.getRestartCount()).isZero();
        assertThat(side.getContainerID())
                .isEqualTo(before.getStatus().getContainerStatuses().get(1).getContainerID());
        return after;
    }
}
