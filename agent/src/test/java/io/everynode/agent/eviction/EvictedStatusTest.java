package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EvictedStatusTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static PodStatus running() {
        return new PodStatusBuilder()
                .withPhase("Running")
                .addToConditions(new PodConditionBuilder()
                        .withType("Ready")
                        .withStatus("False")
                        .build())
                .build();
    }

    @Test
    void anEvictedPodIsFailedWithReasonEvictedAndADisruptionTargetCondition() {
        PodStatus s = EvictedStatus.apply(running(), null, "The node was low on resource: memory. ", T0);
        assertThat(s.getPhase()).isEqualTo("Failed");
        assertThat(s.getReason()).isEqualTo("Evicted");
        assertThat(s.getMessage()).isEqualTo("The node was low on resource: memory. ");
        assertThat(s.getConditions())
                .extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
                .containsExactly("Ready=False/null", "DisruptionTarget=True/TerminationByKubelet");
        assertThat(s.getConditions().get(1).getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void computingItAgainLaterKeepsTheTransitionTime() {
        PodStatus first = EvictedStatus.apply(running(), null, "m", T0);
        PodStatus again = EvictedStatus.apply(running(), first, "m", T0.plusSeconds(30));
        assertThat(again).isEqualTo(first);
    }

    @Test
    void theComputedStatusIsLeftAlone() {
        PodStatus computed = running();
        EvictedStatus.apply(computed, null, "m", T0);
        assertThat(computed.getPhase()).isEqualTo("Running");
        assertThat(computed.getConditions()).hasSize(1);
    }
}
