package io.everynode.agent.cni;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads a CNI 1.0 success result, pure: the pod's addresses are the {@code ips} on an interface in
 * the sandbox (an entry without {@code interface} counts; entries on the host's bridge or veth do
 * not), without their prefix length, IPv4 first and otherwise in the plugin's order.
 */
final class PluginResult {
    private PluginResult() {}

    static List<String> podIPs(JsonNode result) {
        JsonNode interfaces = result.path("interfaces");
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (JsonNode ip : result.path("ips")) {
            String address = ip.path("address").asString("");
            if (address.isEmpty()) {
                continue;
            }
            JsonNode index = ip.get("interface");
            if (index != null && index.isIntegralNumber()) {
                JsonNode itf = interfaces.path(index.asInt());
                if (itf.path("sandbox").asString("").isEmpty()) {
                    continue;
                }
            }
            String bare = address.replaceFirst("/\\d+$", "");
            (bare.contains(":") ? v6 : v4).add(bare);
        }
        List<String> out = new ArrayList<>(v4);
        out.addAll(v6);
        return out;
    }
}
