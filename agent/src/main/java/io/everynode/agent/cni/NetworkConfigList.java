package io.everynode.agent.cni;

import io.everynode.agent.container.PodNetwork.PortMapping;
import io.everynode.api.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A node's CNI network configuration list (spec 1.0) and the configuration each plugin of it
 * receives on standard input, pure.
 *
 * <p>The list: {@code bridge} (the node's bridge as every pod's gateway, hairpin mode so a pod
 * reaches itself through its own hostPort, host-local IPAM over the node's range with a default
 * route and its leases under the node's data directory), then {@code portmap} with the
 * {@code portMappings} capability.
 *
 * <p>A plugin's input is its own object from the list plus the list's {@code cniVersion} and
 * {@code name}, {@code prevResult} when there is one, and {@code runtimeConfig.portMappings} when
 * the plugin declares that capability (an empty list is left out, as runtimes do).
 */
final class NetworkConfigList {
    static final String CNI_VERSION = "1.0.0";

    private NetworkConfigList() {}

    static ObjectNode of(NetworkPlan plan, Path ipamDir, boolean ipMasq) {
        ObjectNode list = Json.object();
        list.put("cniVersion", CNI_VERSION);
        list.put("name", plan.networkName());
        ArrayNode plugins = list.putArray("plugins");

        ObjectNode bridge = plugins.addObject();
        bridge.put("type", "bridge");
        bridge.put("bridge", plan.bridge());
        bridge.put("isGateway", true);
        bridge.put("ipMasq", ipMasq);
        bridge.put("hairpinMode", true);
        ObjectNode ipam = bridge.putObject("ipam");
        ipam.put("type", "host-local");
        ObjectNode range = ipam.putArray("ranges").addArray().addObject();
        range.put("subnet", plan.subnet());
        range.put("gateway", plan.gateway());
        ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
        ipam.put("dataDir", ipamDir.toString());

        ObjectNode portmap = plugins.addObject();
        portmap.put("type", "portmap");
        portmap.putObject("capabilities").put("portMappings", true);
        portmap.put("snat", true);
        return list;
    }

    /** The plugin objects of a list, in order. */
    static List<ObjectNode> plugins(ObjectNode list) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode p : list.get("plugins")) {
            out.add((ObjectNode) p);
        }
        return out;
    }

    /**
     * What plugin {@code index} of the list reads on standard input.
     *
     * @param prevResult the previous plugin's result (ADD) or the cached result of the whole
     *     list (CHECK, DEL); null for the first ADD or a DEL without a cached result
     */
    static ObjectNode pluginInput(ObjectNode list, int index, JsonNode prevResult, List<PortMapping> ports) {
        ObjectNode plugin = plugins(list).get(index).deepCopy();
        ObjectNode in = Json.object();
        in.put("cniVersion", list.get("cniVersion").asString());
        in.put("name", list.get("name").asString());
        in.setAll(plugin);
        if (prevResult != null) {
            in.set("prevResult", prevResult.deepCopy());
        }
        JsonNode caps = plugin.get("capabilities");
        if (caps != null && caps.path("portMappings").asBoolean(false) && !ports.isEmpty()) {
            ArrayNode maps = in.putObject("runtimeConfig").putArray("portMappings");
            for (PortMapping p : ports) {
                ObjectNode m = maps.addObject();
                m.put("hostPort", p.hostPort());
                m.put("containerPort", p.containerPort());
                m.put("protocol", p.protocol().toLowerCase(Locale.ROOT));
                if (p.hostIP() != null && !p.hostIP().isEmpty()) {
                    m.put("hostIP", p.hostIP());
                }
            }
        }
        return in;
    }
}
