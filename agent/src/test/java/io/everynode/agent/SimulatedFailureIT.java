package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failure injection on simulated nodes: by annotation or by label, every container exits 1 failAfter after it runs. */
class SimulatedFailureIT {
    private final ManualClock clock = new ManualClock();
    private final SimulatedRuntime rt = new SimulatedRuntime(
            new SimulatedRuntime.Config(
                    Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(5), Duration.ZERO),
            clock,
            "n1");

    @AfterEach
    void close() {
        rt.close();
    }

    private RuntimeContainer runFor(Pod pod, Duration d) {
        rt.startContainer(pod, pod.getSpec().getContainers().get(0));
        clock.advance(d);
        return rt.pod(pod.getMetadata().getUid()).orElseThrow().containers().get("main");
    }

    private static Pod pod(String uid) {
        return TestCluster.pod("web-" + uid, "n1")
                .editMetadata()
                .withUid(uid)
                .addToLabels("app", "web")
                .endMetadata()
                .build();
    }

    @Test
    void aPodLabelledToFailExitsWithCodeOneAfterFailAfter() {
        Pod p = pod("u1");
        p.getMetadata().getLabels().put(SimulatedRuntime.FAIL_ANNOTATION, "true");
        RuntimeContainer c = runFor(p, Duration.ofSeconds(7));
        assertThat(c.state()).isEqualTo(RuntimeContainer.State.TERMINATED);
        assertThat(c.exitCode()).isEqualTo(1);
        assertThat(c.reason()).isEqualTo("Error");
    }

    @Test
    void aPodAnnotatedToFailExitsToo() {
        Pod p = pod("u2");
        p.getMetadata()
                .setAnnotations(new java.util.HashMap<>(java.util.Map.of(SimulatedRuntime.FAIL_ANNOTATION, "true")));
        assertThat(runFor(p, Duration.ofSeconds(7)).exitCode()).isEqualTo(1);
    }

    @Test
    void anUnmarkedPodKeepsRunning() {
        assertThat(runFor(pod("u3"), Duration.ofSeconds(7)).state()).isEqualTo(RuntimeContainer.State.RUNNING);
    }
}
