package io.everynode.apiserver.strategy;

import io.everynode.api.validation.EventValidation;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Event;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Core v1 events; their field selectors are the ones kubectl describe sends (kubectl-contract.md §4). */
final class EventStrategy extends TypedStrategy<Event> {
    EventStrategy() {
        super(Event.class);
    }

    @Override
    List<FieldError> validateCreate(Event obj, WriteContext ctx) {
        return EventValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Event obj, Event old, WriteContext ctx) {
        return EventValidation.validateUpdate(obj, old);
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        Map<String, String> m = new HashMap<>();
        JsonNode io = obj.path("involvedObject");
        for (String f :
                new String[] {"kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"}) {
            m.put("involvedObject." + f, io.path(f).asString(""));
        }
        m.put("reason", obj.path("reason").asString(""));
        m.put("reportingComponent", obj.path("reportingComponent").asString(""));
        m.put("source", obj.path("source").path("component").asString(""));
        m.put("type", obj.path("type").asString(""));
        return m;
    }
}
