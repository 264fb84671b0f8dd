package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NodeReportMemoryPressureTest {
    private final ManualClock clock = new ManualClock();
    private final SimulatedRuntime runtime = new SimulatedRuntime(SimulatedRuntime.Config.defaults(), clock, "n1");
    private final AgentConfig config = AgentConfig.defaults("n1");

    @AfterEach
    void tearDown() {
        runtime.close();
    }

    private static NodeCondition memoryPressure(NodeStatus s) {
        return s.getConditions().stream()
                .filter(c -> c.getType().equals("MemoryPressure"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void underPressureTheConditionIsTrueWithTheKubeletsReasonAndMessage() {
        NodeCondition c =
                memoryPressure(NodeReport.status(config, runtime, java.util.List.of(), clock.instant(), true));
        assertThat(c.getStatus()).isEqualTo("True");
        assertThat(c.getReason()).isEqualTo("KubeletHasInsufficientMemory");
        assertThat(c.getMessage()).isEqualTo("kubelet has insufficient memory available");
    }

    @Test
    void theConditionKeepsItsTransitionTimeWhileUnchangedAndTakesANewOneWhenItFlips() {
        Instant t0 = clock.instant();
        NodeStatus calm = NodeReport.status(config, runtime, java.util.List.of(), t0, false);
        assertThat(memoryPressure(calm).getReason()).isEqualTo("KubeletHasSufficientMemory");
        assertThat(memoryPressure(calm).getMessage()).isEqualTo("kubelet has sufficient memory available");

        Instant t1 = clock.advance(Duration.ofSeconds(10));
        NodeStatus pressed = NodeReport.status(config, runtime, calm.getConditions(), t1, true);
        assertThat(memoryPressure(pressed).getLastTransitionTime()).isEqualTo(t1.toString());

        Instant t2 = clock.advance(Duration.ofSeconds(10));
        NodeStatus still = NodeReport.status(config, runtime, pressed.getConditions(), t2, true);
        assertThat(memoryPressure(still).getLastTransitionTime()).isEqualTo(t1.toString());
        assertThat(memoryPressure(still).getLastHeartbeatTime()).isEqualTo(t2.toString());

        Instant t3 = clock.advance(Duration.ofSeconds(10));
        NodeStatus over = NodeReport.status(config, runtime, still.getConditions(), t3, false);
        assertThat(memoryPressure(over).getStatus()).isEqualTo("False");
        assertThat(memoryPressure(over).getLastTransitionTime()).isEqualTo(t3.toString());
    }
}
