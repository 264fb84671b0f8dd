package io.everynode.apiserver.strategy;

import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Pods: created Pending; status through {@code pods/status}; the field selectors of §4. */
final class PodStrategy implements Strategy {
    @Override
    public boolean hasGeneration() {
        return true;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        ObjectNode status = obj.putObject("status");
        status.put("phase", "Pending");
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        Map<String, String> m = new HashMap<>();
        JsonNode spec = obj.path("spec");
        JsonNode status = obj.path("status");
        String node = spec.path("nodeName").asString("");
        m.put("spec.nodeName", node);
        m.put("spec.host", node);
        m.put("spec.restartPolicy", spec.path("restartPolicy").asString(""));
        m.put("spec.schedulerName", spec.path("schedulerName").asString(""));
        m.put("spec.serviceAccountName", spec.path("serviceAccountName").asString(""));
        m.put("spec.hostNetwork", Boolean.toString(spec.path("hostNetwork").asBoolean(false)));
        m.put("status.phase", status.path("phase").asString(""));
        m.put("status.podIP", status.path("podIP").asString(""));
        JsonNode ips = status.path("podIPs");
        m.put("status.podIPs", ips.isArray() && !ips.isEmpty() ? ips.get(0).path("ip").asString("") : "");
        m.put("status.nominatedNodeName", status.path("nominatedNodeName").asString(""));
        return m;
    }

}
