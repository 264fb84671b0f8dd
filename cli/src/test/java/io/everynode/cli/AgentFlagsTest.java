package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.AgentConfig;
import org.junit.jupiter.api.Test;

class AgentFlagsTest {
    @Test
    void severalServersAreCommaSeparatedOrRepeatedAndKeepTheirOrder() {
        AgentCommand agent = new AgentCommand();
        new picocli.CommandLine(agent)
                .parseArgs(
                        "--server", "https://10.0.0.1:6443,https://10.0.0.2:6443", "--server", "https://10.0.0.3:6443");

        assertThat(agent.servers)
                .extracting(java.net.URI::toString)
                .containsExactly("https://10.0.0.1:6443", "https://10.0.0.2:6443", "https://10.0.0.3:6443");
    }

    @Test
    void labelsAreCommaSeparatedKeyValuePairs() {
        assertThat(AgentFlags.labels("disktype=ssd, zone=a"))
                .containsEntry("disktype", "ssd")
                .containsEntry("zone", "a")
                .hasSize(2);
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
        assertThatThrownBy(() -> AgentFlags.taints("a=b:Sometimes"))
                .hasMessageContaining("unknown taint effect \"Sometimes\"");
    }

    @Test
    void capacityOverridesOnlyTheNamedResources() {
        var c = AgentFlags.capacity("cpu=2", AgentConfig.capacity("8", "16Gi", "110"));
        assertThat(c.get("cpu").toString()).isEqualTo("2");
        assertThat(c.get("memory").toString()).isEqualTo("16Gi");
        assertThatThrownBy(() -> AgentFlags.capacity("gpu=1", c)).hasMessageContaining("unknown capacity");
    }

    @Test
    void evictionFlagsTakeTheKubeletsSyntax() {
        var e = AgentFlags.eviction("memory.available<200Mi,nodefs.available<10%", java.time.Duration.ofMinutes(1));
        assertThat(e.hard().bytes(1L << 30)).isEqualTo(200L << 20);
        assertThat(e.pressureTransitionPeriod()).hasMinutes(1);
        assertThat(AgentFlags.eviction("memory.available<10%", java.time.Duration.ZERO)
                        .hard()
                        .bytes(1000))
                .isEqualTo(100);
        assertThatThrownBy(() -> AgentFlags.eviction("memory.available<lots", java.time.Duration.ZERO))
                .hasMessageContaining("not a quantity");
    }

    @Test
    void theAgentCommandTakesTheEvictionFlagsWithTheKubeletsDefaults() {
        AgentCommand defaults = new AgentCommand();
        new picocli.CommandLine(defaults).parseArgs("--server", "http://127.0.0.1:1", "--node-name", "n1");
        assertThat(defaults.evictionHard).isEqualTo("memory.available<100Mi");
        assertThat(defaults.evictionPressureTransitionPeriod).hasMinutes(5);
        AgentCommand given = new AgentCommand();
        new picocli.CommandLine(given)
                .parseArgs(
                        "--server",
                        "http://127.0.0.1:1",
                        "--node-name",
                        "n1",
                        "--eviction-hard",
                        "memory.available<5%",
                        "--eviction-pressure-transition-period",
                        "30s");
        assertThat(given.evictionHard).isEqualTo("memory.available<5%");
        assertThat(given.evictionPressureTransitionPeriod).hasSeconds(30);
    }

    @Test
    void theRuntimesAreSimulatedAndProcessAndAnyOtherIsRefused() {
        AgentCommand.checkRuntime("process");
        AgentCommand.checkRuntime("simulated");
        assertThatThrownBy(() -> AgentCommand.checkRuntime("docker"))
                .hasMessageContaining("unknown runtime \"docker\"");
    }

    @Test
    void theNodeAddressAndLogEndpointStayOnLoopbackUnlessTold() {
        AgentCommand defaults = new AgentCommand();
        new picocli.CommandLine(defaults).parseArgs("--server", "http://127.0.0.1:1", "--node-name", "n1");
        assertThat(defaults.nodeIP).isEqualTo("127.0.0.1");
        assertThat(defaults.address).isEqualTo("127.0.0.1");
        assertThat(defaults.port).isZero();
        AgentCommand given = new AgentCommand();
        new picocli.CommandLine(given)
                .parseArgs(
                        "--server",
                        "http://10.0.0.1:6443",
                        "--node-name",
                        "n1",
                        "--node-ip",
                        "10.0.0.7",
                        "--address",
                        "10.0.0.7",
                        "--port",
                        "10250");
        assertThat(given.nodeIP).isEqualTo("10.0.0.7");
        assertThat(given.address).isEqualTo("10.0.0.7");
        assertThat(given.port).isEqualTo(10250);
    }

    @Test
    void aLogAddressThatIsNeitherTheNodeIpNorAWildcardIsWarnedAbout() {
        assertThat(AgentFlags.logAddressWarning("127.0.0.1", "127.0.0.1")).isNull();
        assertThat(AgentFlags.logAddressWarning("10.0.0.7", "0.0.0.0")).isNull();
        assertThat(AgentFlags.logAddressWarning("10.0.0.7", "127.0.0.1"))
                .contains(
                        "fetches logs at the node's InternalIP 10.0.0.7 (--node-ip)",
                        "listens on 127.0.0.1 (--address)");
    }

    @Test
    void theStatusUpdateFrequencyReachesTheNodesConfigAndMustFitInsideTheNodeLease() {
        AgentCommand agent = new AgentCommand();
        new picocli.CommandLine(agent)
                .parseArgs("--server", "https://10.0.0.1:6443", "--node-status-update-frequency", "2s");
        assertThat(AgentFlags.statusUpdateFrequency(agent.nodeStatusUpdateFrequency))
                .isEqualTo(java.time.Duration.ofSeconds(2));

        AgentCommand byDefault = new AgentCommand();
        new picocli.CommandLine(byDefault).parseArgs("--server", "https://10.0.0.1:6443");
        assertThat(byDefault.nodeStatusUpdateFrequency).isEqualTo(java.time.Duration.ofSeconds(10));

        assertThatThrownBy(() -> AgentFlags.statusUpdateFrequency(java.time.Duration.ZERO))
                .hasMessage("--node-status-update-frequency must be more than 0s and less than the node Lease's 40s,"
                        + " not 0ms");
        assertThatThrownBy(() -> AgentFlags.statusUpdateFrequency(java.time.Duration.ofSeconds(40)))
                .hasMessageContaining("not 40000ms");
    }
}
