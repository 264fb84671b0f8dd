package io.everynode.agent.process;

import static io.everynode.agent.process.ProcessTestSupport.container;
import static io.everynode.agent.process.ProcessTestSupport.pod;
import static io.everynode.agent.process.ProcessTestSupport.sh;
import static io.everynode.agent.process.ProcessTestSupport.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimeContainer.State;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRuntimeLimitsIT {
    @TempDir
    Path dir;

    @Test
    void aProcessOverItsMemoryLimitIsOomKilledWithExitCode137() {
        ProcessTestSupport.assumeProcesses();
        ProcessRuntime rt = ProcessTestSupport.runtime(dir, ProcessTestSupport.uniqueNode());
        Pod p = null;
        try {
            assumeTrue(
                    rt.limitsEnforced(),
                    "cgroups are not writable here: " + rt.conditions().get(0).getMessage());
            assertThat(rt.conditions()).singleElement().satisfies(c -> {
                assertThat(c.getType()).isEqualTo("ResourceLimitsEnforced");
                assertThat(c.getStatus()).isEqualTo("True");
            });
            // The shell doubles a string until the 32Mi limit stops it.
            Container hog = new ContainerBuilder(sh("hog", "x=a; while :; do x=\"$x$x\"; done"))
                    .withNewResources()
                    .withLimits(Map.of("memory", new Quantity("32Mi"), "cpu", new Quantity("500m")))
                    .endResources()
                    .build();
            p = pod("hog", hog);
            rt.startContainer(p, hog);
            Pod pod = p;
            await().atMost(Duration.ofSeconds(60)).until(() -> state(rt, pod, "hog") == State.TERMINATED);
            RuntimeContainer c = container(rt, p, "hog");
            assertThat(c.reason()).isEqualTo("OOMKilled");
            assertThat(c.exitCode()).isEqualTo(137);
        } finally {
            if (p != null) rt.removePod(p.getMetadata().getUid());
            rt.close();
        }
    }

    @Test
    void aRunningPodReportsItsMemoryUse() {
        ProcessTestSupport.assumeProcesses();
        ProcessRuntime rt = ProcessTestSupport.runtime(dir, ProcessTestSupport.uniqueNode());
        Pod p = pod("mem", sh("main", "exec sleep 600"));
        try {
            rt.startContainer(p, p.getSpec().getContainers().get(0));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rt.pod(p.getMetadata().getUid()).orElseThrow().memoryBytes() > 0);
        } finally {
            rt.removePod(p.getMetadata().getUid());
            rt.close();
        }
    }

    @Test
    void whereCgroupsCannotBeCreatedLimitsAreNotEnforcedAndTheConditionSaysWhy() throws Exception {
        ProcessTestSupport.assumeProcesses();
        Path notADirectory = Files.writeString(dir.resolve("cgroup-file"), "");
        ProcessRuntime rt = new ProcessRuntime(
                ProcessRuntime.Config.of(dir.resolve("root"), dir.resolve("images"), "n"),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                notADirectory);
        try {
            assertThat(rt.limitsEnforced()).isFalse();
            NodeCondition c = rt.conditions().get(0);
            assertThat(c.getType()).isEqualTo("ResourceLimitsEnforced");
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("CgroupsNotWritable");
            assertThat(c.getMessage()).contains(notADirectory.toString());
        } finally {
            rt.close();
        }
    }
}
