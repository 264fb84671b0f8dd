package io.everynode.apiserver.crd;

import io.everynode.apiserver.registry.Meta;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The conditions of a definition's status: set one, keeping its transition time when the status is unchanged. */
final class CrdConditions {
    private CrdConditions() {}

    static void set(ObjectNode status, String type, String value, String reason, String message, Instant now) {
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        ObjectNode c = null;
        for (JsonNode n : conditions) if (type.equals(n.path("type").asString()) && n instanceof ObjectNode o) c = o;
        if (c == null) c = conditions.addObject();
        else if (value.equals(c.path("status").asString())
                && reason.equals(c.path("reason").asString())
                && message.equals(c.path("message").asString())) return;
        boolean transition = !value.equals(c.path("status").asString());
        c.put("type", type);
        c.put("status", value);
        if (transition || !c.has("lastTransitionTime")) c.put("lastTransitionTime", Meta.time(now));
        c.put("reason", reason);
        c.put("message", message);
    }

    static boolean isTrue(JsonNode crd, String type) {
        for (JsonNode n : crd.path("status").path("conditions"))
            if (type.equals(n.path("type").asString()))
                return "True".equals(n.path("status").asString());
        return false;
    }
}
