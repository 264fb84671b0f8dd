package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.AgentConfig;
import org.junit.jupiter.api.Test;

class AgentFlagsTest {
    @Test
    void labelsAreCommaSeparatedKeyValuePairs() {
        assertThat(AgentFlags.labels("disktype=ssd, zone=a")).containsEntry("disktype", "ssd").containsEntry("zone", "a").hasSize(2);
        assertThat(AgentFlags.labels("")).isEmpty();
    }

    @Test
    void taintsTakeKeyValueAndEffectOrKeyAndEffect() {
        assertThat(AgentFlags.taints("dedicated=logging:NoSchedule,gpu:NoExecute"))
                .extracting(t -> t.getKey() + "|" + t.getValue() + "|" + t.getEffect())
                .containsExactly("dedicated|logging|NoSchedule", "gpu|null|NoExecute");
    }

    @Test
    void anUnknownTaintEffectIsRefusedByName() {
        assertThatThrownBy(() -> AgentFlags.taints("a=b:Sometimes")).hasMessageContaining("unknown taint effect \"Sometimes\"");
    }

    @Test
    void capacityOverridesOnlyTheNamedResources() {
        var c = AgentFlags.capacity("cpu=2", AgentConfig.capacity("8", "16Gi", "110"));
        assertThat(c.get("cpu").toString()).isEqualTo("2");
        assertThat(c.get("memory").toString()).isEqualTo("16Gi");
        assertThatThrownBy(() -> AgentFlags.capacity("gpu=1", c)).hasMessageContaining("unknown capacity");
    }

    @Test
    void theRuntimesAreSimulatedAndProcessAndAnyOtherIsRefused() {
        AgentCommand.checkRuntime("process");
        AgentCommand.checkRuntime("simulated");
        assertThatThrownBy(() -> AgentCommand.checkRuntime("docker")).hasMessageContaining("unknown runtime \"docker\"");
    }
}
