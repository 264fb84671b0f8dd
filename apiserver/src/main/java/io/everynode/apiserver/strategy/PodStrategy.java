package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.everynode.api.qos.QosClasses;
import io.everynode.api.scheduling.DefaultTolerationSeconds;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.PodValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pods: upstream defaults, ServiceAccount admission, priority admission (R8.3), DefaultTolerationSeconds (R10.4),
 * created Pending with their QoS class
 * (R9.1); status through {@code pods/status}; the field selectors of kubectl-contract.md §4.
 */
final class PodStrategy extends TypedStrategy<Pod> {
    private final ServiceAccountAdmission serviceAccounts;

    PodStrategy(ServiceAccountAdmission serviceAccounts) {
        super(Pod.class, KindTraits.GENERATION_AND_STATUS);
        this.serviceAccounts = serviceAccounts;
    }

    @Override
    void applyDefaults(Pod obj, WriteContext ctx) {
        Defaults.defaultPod(obj);
    }

    @Override
    void prepareCreate(ObjectNode obj, WriteContext ctx) {
        serviceAccounts.admit(obj, ctx);
        PriorityAdmission.admit(obj, ctx);
        Pod typed = DefaultTolerationSeconds.addDefaultTolerations(decode(obj)); // R10.4
        if (typed.getSpec() != null && !typed.getSpec().getTolerations().isEmpty()) {
            Json.child(obj, "spec")
                    .set("tolerations", Json.tree(typed).path("spec").path("tolerations"));
        }
        ObjectNode status = obj.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", QosClasses.of(typed));
    }

    @Override
    public List<String> warningsOnCreate(ObjectNode obj) {
        return PodSpecWarnings.of(obj.path("spec"), "spec");
    }

    @Override
    List<FieldError> validateCreate(Pod obj, WriteContext ctx) {
        return PodValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Pod obj, Pod old, WriteContext ctx) {
        return PodValidation.validateUpdate(obj, old);
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
        m.put(
                "status.podIPs",
                ips.isArray() && !ips.isEmpty() ? ips.get(0).path("ip").asString("") : "");
        m.put("status.nominatedNodeName", status.path("nominatedNodeName").asString(""));
        return m;
    }
}
