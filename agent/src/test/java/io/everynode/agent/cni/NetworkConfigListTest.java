package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.agent.container.PodNetwork.PortMapping;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class NetworkConfigListTest {
    private final NetworkPlan plan = new NetworkPlan("1a2b3c4d", "10.244.17.0/24");
    private final ObjectNode list = NetworkConfigList.of(plan, Path.of("/var/lib/everynode/node-1/cni/ipam"), false);

    @Test
    void theListIsABridgeWithHostLocalOverTheNodesRangeThenPortmap() {
        assertThat(list).isEqualTo(Golden.json("conflist.json"));
    }

    @Test
    void ipMasqIsPassedToTheBridge() {
        ObjectNode masq = NetworkConfigList.of(plan, Path.of("/d"), true);
        assertThat(masq.get("plugins").get(0).get("ipMasq").asBoolean()).isTrue();
    }

    @Test
    void portmapReadsTheListsNameItsPrevResultAndThePortMappingsAsRuntimeConfig() {
        ObjectNode in = NetworkConfigList.pluginInput(
                list,
                1,
                Golden.json("bridge-result.json"),
                List.of(new PortMapping(8080, 80, "TCP", ""), new PortMapping(5353, 53, "UDP", "192.0.2.2")));

        assertThat(in).isEqualTo(Golden.json("portmap-add-input.json"));
    }

    @Test
    void theFirstPluginOfAnAddHasNoPrevResultAndNoRuntimeConfigItDidNotAskFor() {
        ObjectNode in = NetworkConfigList.pluginInput(list, 0, null, List.of(new PortMapping(8080, 80, "TCP", "")));

        assertThat(in.has("prevResult")).isFalse();
        assertThat(in.has("runtimeConfig")).isFalse();
        assertThat(in.get("name").asString()).isEqualTo("everynode-1a2b3c4d");
        assertThat(in.get("cniVersion").asString()).isEqualTo("1.0.0");
        assertThat(in.get("bridge").asString()).isEqualTo("cni1a2b3c4d");
    }

    @Test
    void withoutPortsPortmapGetsNoRuntimeConfig() {
        ObjectNode in = NetworkConfigList.pluginInput(list, 1, Golden.json("bridge-result.json"), List.of());

        assertThat(in.has("runtimeConfig")).isFalse();
    }
}
