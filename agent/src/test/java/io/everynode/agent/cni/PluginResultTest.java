package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import org.junit.jupiter.api.Test;

class PluginResultTest {
    @Test
    void thePodsAddressesAreTheSandboxOnesWithoutPrefixIpv4First() {
        assertThat(PluginResult.podIPs(Golden.json("bridge-result.json")))
                .containsExactly("10.244.17.5", "fd00:10:244::5");
    }

    @Test
    void anAddressWithoutAnInterfaceCounts() {
        var result = Json.object();
        result.putArray("ips").addObject().put("address", "10.244.3.9/24");

        assertThat(PluginResult.podIPs(result)).containsExactly("10.244.3.9");
    }

    @Test
    void aResultWithoutAddressesGivesNone() {
        assertThat(PluginResult.podIPs(Json.object())).isEmpty();
    }
}
