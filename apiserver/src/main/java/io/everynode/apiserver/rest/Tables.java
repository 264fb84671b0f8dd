package io.everynode.apiserver.rest;

import io.everynode.apiserver.json.Json;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.resource.ResourceType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds {@code meta.k8s.io/v1} Tables. Each row carries the object (as PartialObjectMetadata by
 * default), which kubectl needs for the NAMESPACE column and {@code --show-labels}.
 */
final class Tables {
    private final Clock clock;

    Tables(Clock clock) {
        this.clock = clock;
    }

    ObjectNode table(ResourceType type, List<ObjectNode> items, String resourceVersion, String includeObject, boolean headers) {
        Instant now = clock.instant();
        ObjectNode t = Json.object();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode cols = t.putArray("columnDefinitions");
        if (headers) {
            column(cols, "Name", "string", "name", "Name must be unique within a namespace.", 0);
            column(cols, "Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0);
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode o : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            cells.add(Meta.name(o));
            Instant created = Meta.parseTime(o.path("metadata").path("creationTimestamp").asString(null));
            cells.add(created == null ? "<unknown>" : shortAge(Duration.between(created, now)));
            row.set("object", rowObject(o, includeObject));
        }
        return t;
    }

    private static ObjectNode rowObject(ObjectNode o, String includeObject) {
        if ("Object".equals(includeObject)) return o;
        ObjectNode p = Json.object();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        if (!"None".equals(includeObject)) p.set("metadata", o.path("metadata").deepCopy());
        return p;
    }

    private static void column(ArrayNode cols, String name, String type, String format, String description, int priority) {
        ObjectNode c = cols.addObject();
        c.put("name", name);
        c.put("type", type);
        c.put("format", format);
        c.put("description", description);
        c.put("priority", priority);
    }

    private static String shortAge(Duration d) {
        long s = d.getSeconds();
        if (s < 120) return s + "s";
        if (s < 3600) return (s / 60) + "m";
        if (s < 86400) return (s / 3600) + "h";
        return (s / 86400) + "d";
    }
}
