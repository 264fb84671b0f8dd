package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.strategy.ServiceNetwork;
import org.junit.jupiter.api.Test;

class ServiceRangeFlagsTest {
    @Test
    void theFlagsBecomeTheServersServiceNetwork() {
        ServiceNetwork n = ServerCommand.serviceNetwork("172.20.0.0/16", "31000-31999");
        assertThat(n.kubernetesServiceIp()).isEqualTo("172.20.0.1");
        assertThat(n.nodePortMin()).isEqualTo(31000);
        assertThat(n.nodePortMax()).isEqualTo(31999);
    }

    @Test
    void malformedRangesAreRefusedByFlagName() {
        assertThatThrownBy(() -> ServerCommand.serviceNetwork("10.96.0.0/12", "30000"))
                .hasMessageContaining("--service-node-port-range must be MIN-MAX");
        assertThatThrownBy(() -> ServerCommand.serviceNetwork("10.96.0.0", "30000-32767"))
                .hasMessageContaining("not a CIDR: 10.96.0.0");
        assertThatThrownBy(() -> ServerCommand.serviceNetwork("10.96.0.0/12", "32767-30000"))
                .hasMessageContaining("bad node port range 32767-30000");
    }
}
