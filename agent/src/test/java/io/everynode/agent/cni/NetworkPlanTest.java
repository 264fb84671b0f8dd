package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NetworkPlanTest {
    @Test
    void namesComeFromTheNetworkIdAndFitTheKernelsLimit() {
        NetworkPlan a = NetworkPlan.of("/var/lib/everynode/nodes/node-1", "10.244.17.0/24");
        NetworkPlan again = NetworkPlan.of("/var/lib/everynode/nodes/node-1", "10.244.17.0/24");
        NetworkPlan b = NetworkPlan.of("/var/lib/everynode/nodes/node-2", "10.244.18.0/24");

        assertThat(a).isEqualTo(again);
        assertThat(a.bridge()).hasSizeLessThanOrEqualTo(15).startsWith("cni").isNotEqualTo(b.bridge());
        assertThat(a.networkName()).isEqualTo("everynode-" + a.tag());
    }

    @Test
    void theGatewayIsTheFirstAddressOfTheRange() {
        assertThat(new NetworkPlan("1a2b3c4d", "10.244.17.0/24").gateway()).isEqualTo("10.244.17.1");
        assertThat(new NetworkPlan("1a2b3c4d", "10.32.0.0/16").gateway()).isEqualTo("10.32.0.1");
    }

    @Test
    void eachPodHasItsOwnNamespaceUnderTheNodesPrefix() {
        NetworkPlan p = new NetworkPlan("1a2b3c4d", "10.244.17.0/24");

        assertThat(p.namespace("uid-1")).startsWith("cni-1a2b3c4d-").hasSize("cni-1a2b3c4d-".length() + 12);
        assertThat(p.namespace("uid-1")).isEqualTo(p.namespace("uid-1")).isNotEqualTo(p.namespace("uid-2"));
    }

    @Test
    void aRangeThatIsNotAnIpv4CidrWithRoomForPodsIsRejected() {
        assertThatThrownBy(() -> new NetworkPlan("1a2b3c4d", "10.244.17.0")).hasMessageContaining("IPv4 CIDR");
        assertThatThrownBy(() -> new NetworkPlan("1a2b3c4d", "fd00::/64")).hasMessageContaining("IPv4 CIDR");
        assertThatThrownBy(() -> new NetworkPlan("1a2b3c4d", "10.244.17.0/31")).hasMessageContaining("IPv4 CIDR");
    }
}
