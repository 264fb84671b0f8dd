package io.everynode.apiserver.registry;

import io.everynode.api.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Accessors for {@code metadata} of a JSON object, and the API's time format. */
public final class Meta {
    private static final DateTimeFormatter RFC3339 =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Meta() {}

    public static ObjectNode of(ObjectNode obj) {
        return Json.child(obj, "metadata");
    }

    public static String name(JsonNode obj) {
        return Json.text(obj.path("metadata"), "name");
    }

    public static String namespace(JsonNode obj) {
        return Json.text(obj.path("metadata"), "namespace");
    }

    public static String uid(JsonNode obj) {
        return Json.text(obj.path("metadata"), "uid");
    }

    public static String resourceVersion(JsonNode obj) {
        return Json.text(obj.path("metadata"), "resourceVersion");
    }

    public static boolean deleting(JsonNode obj) {
        return Json.text(obj.path("metadata"), "deletionTimestamp") != null;
    }

    public static Map<String, String> labels(JsonNode obj) {
        return stringMap(obj.path("metadata").path("labels"));
    }

    public static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        if (node.isObject())
            for (Map.Entry<String, JsonNode> e : node.properties())
                m.put(e.getKey(), e.getValue().asString(""));
        return m;
    }

    public static List<String> finalizers(JsonNode obj) {
        List<String> out = new ArrayList<>();
        JsonNode f = obj.path("metadata").path("finalizers");
        if (f.isArray()) for (JsonNode n : f) out.add(n.asString(""));
        return out;
    }

    public static void setFinalizers(ObjectNode obj, List<String> finalizers) {
        ObjectNode m = of(obj);
        if (finalizers.isEmpty()) {
            m.remove("finalizers");
        } else {
            ArrayNode a = m.putArray("finalizers");
            finalizers.forEach(a::add);
        }
    }

    public static List<ObjectNode> ownerReferences(JsonNode obj) {
        List<ObjectNode> out = new ArrayList<>();
        JsonNode f = obj.path("metadata").path("ownerReferences");
        if (f.isArray()) for (JsonNode n : f) if (n instanceof ObjectNode o) out.add(o);
        return out;
    }

    /** RFC 3339 at second precision, as {@code metav1.Time} serialises. */
    public static String time(Instant t) {
        return RFC3339.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    public static Instant parseTime(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
