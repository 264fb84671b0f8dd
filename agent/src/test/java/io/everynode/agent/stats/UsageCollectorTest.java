package io.everynode.agent.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.SimulatedRuntime;
import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The reading of a simulated node: its containers use what they request, the node their sum. */
class UsageCollectorTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final SimulatedRuntime runtime = new SimulatedRuntime(
            new SimulatedRuntime.Config(
                    Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO, Duration.ofHours(1), Duration.ZERO),
            clock,
            "n1");
    private final UsageCollector collector = new UsageCollector("n1", runtime, NodeUsageSource.podSum(), clock);

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void aSimulatedContainerUsesItsCpuRequestAtItsRateAndItsMemoryRequest() {
        Pod pod = pod("web", null, "main");
        runtime.startContainer(pod, pod.getSpec().getContainers().get(0));
        clock.advance(Duration.ofSeconds(1)); // running from now
        clock.advance(Duration.ofSeconds(4));

        UsageReport r = collector.collect(List.of("uid-web")).orElseThrow();

        PodUsage.Container c = r.pods().get(0).containers().get(0);
        assertThat(c.usage()).isEqualTo(new Usage(1_000_000_000L, 64L << 20)); // 250m for 4 s
        assertThat(c.startTime()).isEqualTo(Instant.parse("2026-12-04T10:00:01Z"));
        assertThat(r.usage()).isEqualTo(c.usage());
        assertThat(r.timestamp()).isEqualTo(clock.instant());
        assertThat(r.pods().get(0).namespace()).isEqualTo("default");
    }

    @Test
    void theSimulateMemoryAnnotationIsSplitBetweenThePodsRunningContainers() {
        Pod pod = pod("big", "300Mi", "a", "b");
        runtime.startContainer(pod, pod.getSpec().getContainers().get(0));
        runtime.startContainer(pod, pod.getSpec().getContainers().get(1));
        clock.advance(Duration.ofSeconds(2));

        UsageReport r = collector.collect(List.of("uid-big")).orElseThrow();

        assertThat(r.pods().get(0).containers())
                .extracting(x -> x.usage().workingSetBytes())
                .containsExactly(150L << 20, 150L << 20);
    }

    @Test
    void aContainerNotRunningYetIsNotReported() {
        Pod pod = pod("web", null, "main");
        runtime.startContainer(pod, pod.getSpec().getContainers().get(0));

        assertThat(collector.collect(List.of("uid-web")).orElseThrow().pods()).isEmpty();
    }

    private static Pod pod(String name, String simulatedMemory, String... containers) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("default")
                .withUid("uid-" + name)
                .endMetadata()
                .withNewSpec()
                .withNodeName("n1")
                .endSpec();
        if (simulatedMemory != null)
            b.editMetadata()
                    .addToAnnotations(SimulatedRuntime.MEMORY_ANNOTATION, simulatedMemory)
                    .endMetadata();
        for (String c : containers) {
            b.editSpec()
                    .addNewContainer()
                    .withName(c)
                    .withImage("busybox")
                    .withNewResources()
                    .addToRequests("cpu", new Quantity("250m"))
                    .addToRequests("memory", new Quantity("64Mi"))
                    .endResources()
                    .endContainer()
                    .endSpec();
        }
        return b.build();
    }
}
