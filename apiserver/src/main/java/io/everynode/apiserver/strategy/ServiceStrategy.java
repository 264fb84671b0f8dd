package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.ServiceDefaults;
import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.ServiceValidation;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Services: upstream defaults, validation, then (only for a valid Service, as upstream's REST
 * layer allocates after the strategy validated) a clusterIP and nodePorts from the
 * {@link ServiceAllocator}, claimed in the store before the Service is stored and given back on
 * delete. An update that leaves out the allocated values keeps them (upstream's
 * patchAllocatedValues), so {@code kubectl apply} of the original manifest is no change; a
 * clusterIP once set is immutable. Status only through {@code services/status}.
 */
final class ServiceStrategy implements Strategy {
    private final ServiceAllocator allocator;

    ServiceStrategy(ServiceAllocator allocator) {
        this.allocator = allocator;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        defaults(obj);
        obj.putObject("status").putObject("loadBalancer");
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        defaults(obj);
        keepAllocated(Json.child(obj, "spec"), old.path("spec"));
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        List<FieldError> errs = ServiceValidation.validateCreate(decode(obj));
        if (errs.isEmpty()) errs = allocator.allocate(obj, null, ctx);
        return TypedStrategy.causes(errs);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        List<FieldError> errs = ServiceValidation.validateUpdate(decode(obj), decode(old));
        if (errs.isEmpty()) errs = allocator.allocate(obj, old, ctx);
        return TypedStrategy.causes(errs);
    }

    @Override
    public void deleted(ObjectNode obj) {
        allocator.release(obj);
    }

    private static Service decode(ObjectNode obj) {
        return Json.convert(obj, Service.class);
    }

    private static void defaults(ObjectNode obj) {
        Service svc = decode(obj);
        ServiceDefaults.apply(svc);
        ObjectNode out = Json.tree(svc);
        obj.removeAll();
        obj.setAll(out);
    }

    /** Allocated values the update left out are the stored ones, while the type still uses them. */
    private static void keepAllocated(ObjectNode spec, JsonNode was) {
        boolean external = "ExternalName".equals(Json.text(spec, "type"));
        boolean wasExternal = "ExternalName".equals(was.path("type").asString(""));
        String ip = Json.text(spec, "clusterIP");
        if (!external && !wasExternal && (ip == null || ip.isEmpty())) {
            for (String f : List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
                if (was.has(f)) spec.set(f, was.get(f).deepCopy());
            }
        } else if (ip != null && !ip.isEmpty() && !spec.has("clusterIPs")) {
            spec.putArray("clusterIPs").add(ip);
        }
        if (!ServiceAllocator.needsNodePorts(spec) || !ServiceAllocator.needsNodePorts(was)) return;
        if (!(spec.get("ports") instanceof ArrayNode ports)) return;
        for (JsonNode p : ports) {
            if (!(p instanceof ObjectNode port) || port.path("nodePort").asInt(0) != 0) continue;
            for (JsonNode q : was.path("ports")) {
                if (q.path("port").asInt() == port.path("port").asInt()
                        && q.path("protocol")
                                .asString("TCP")
                                .equals(port.path("protocol").asString("TCP"))
                        && q.path("nodePort").asInt(0) != 0) {
                    port.put("nodePort", q.path("nodePort").asInt());
                }
            }
        }
    }
}
