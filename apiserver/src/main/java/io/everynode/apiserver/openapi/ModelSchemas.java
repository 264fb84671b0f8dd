package io.everynode.apiserver.openapi;

import io.everynode.api.json.Json;
import io.everynode.apiserver.patch.MergeHints;
import io.everynode.apiserver.patch.MergeHints.ListHint;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OpenAPI v3 component schemas generated from fabric8 model classes by reflection over their
 * Jackson annotations ({@link ModelProperties}): one component per class, named as upstream
 * names the type ({@link SchemaNames}), properties typed from the Java field types, references
 * through a single-element {@code allOf} as upstream's v3 documents write them, the
 * strategic-merge extensions of {@link PatchHints} and the {@code required} lists of
 * {@link RequiredFields}.
 *
 * <p>Not thread-safe while generating; callers build everything once, then only read.
 */
final class ModelSchemas {
    private final PatchHints hints;
    private final Map<String, ObjectNode> components = new LinkedHashMap<>(ScalarSchemas.all());

    ModelSchemas(PatchHints hints) {
        this.hints = hints;
    }

    /** The component name of {@code model}, generating it and every type it refers to. */
    String component(Class<?> model) {
        String name = SchemaNames.of(model);
        if (components.containsKey(name)) return name;
        ObjectNode schema = Json.object();
        components.put(name, schema); // before the fields: a type may refer to itself
        if (hasOwnDeserializer(model)) {
            // Hand-decoded unions (JSONSchemaPropsOrBool, …): any JSON value, named for explain.
            schema.put("x-kubernetes-preserve-unknown-fields", true);
            return name;
        }
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (ModelProperties.Property p : ModelProperties.of(model)) {
            props.set(p.name(), property(model, p));
        }
        List<String> required = RequiredFields.of(name);
        if (!required.isEmpty()) {
            ArrayNode r = schema.putArray("required");
            required.forEach(r::add);
        }
        return name;
    }

    /** A generated component; the node is shared, callers must not change it after startup. */
    ObjectNode get(String name) {
        ObjectNode s = components.get(name);
        if (s == null) throw new IllegalArgumentException("no component " + name);
        return s;
    }

    /** {@code roots} and every component they refer to, transitively, by name. */
    Map<String, ObjectNode> closure(Set<String> roots) {
        Set<String> names = new LinkedHashSet<>();
        for (String r : roots) collect(r, names);
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String n : names) out.put(n, get(n));
        return out;
    }

    private void collect(String name, Set<String> names) {
        if (!names.add(name)) return;
        refs(get(name), names);
    }

    private void refs(JsonNode node, Set<String> names) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) collect(ref.asString().substring(REF.length()), names);
            node.forEach(child -> refs(child, names));
        } else if (node.isArray()) {
            node.forEach(child -> refs(child, names));
        }
    }

    private static final String REF = "#/components/schemas/";

    private ObjectNode property(Class<?> owner, ModelProperties.Property p) {
        ObjectNode s = type(p.type(), p.name());
        ListHint list = hints.list(owner, p.name());
        if (list != null && "array".equals(s.path("type").asString(""))) {
            switch (list.type()) {
                case MAP -> {
                    s.putArray("x-kubernetes-list-map-keys").add(list.mergeKey());
                    s.put("x-kubernetes-list-type", "map");
                    s.put("x-kubernetes-patch-merge-key", list.mergeKey());
                }
                case SET -> s.put("x-kubernetes-list-type", "set");
                case ATOMIC -> s.put("x-kubernetes-list-type", "atomic");
            }
        }
        String strategy = hints.strategy(owner, p.name());
        if (strategy != null && (list == null || list.type() != MergeHints.ListType.ATOMIC))
            s.put("x-kubernetes-patch-strategy", strategy);
        return s;
    }

    /** The schema of a value of Java type {@code t} in a field named {@code field}. */
    private ObjectNode type(Type t, String field) {
        if (t instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            ObjectNode s = Json.object();
            if (List.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", type(args[0], ""));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                s.set("additionalProperties", type(args[1], ""));
                return s;
            }
        }
        Class<?> c = t instanceof Class<?> k ? k : Object.class;
        if (c == String.class) return isTime(field) ? ref(SchemaNames.TIME) : primitive("string", null);
        if (c == Integer.class || c == int.class) return primitive("integer", "int32");
        if (c == Long.class || c == long.class) return primitive("integer", "int64");
        if (c == Boolean.class || c == boolean.class) return primitive("boolean", null);
        if (c == Double.class || c == double.class || c == Float.class || c == float.class)
            return primitive("number", "double");
        if (Temporal.class.isAssignableFrom(c)) return ref(SchemaNames.MICRO_TIME);
        if (JsonNode.class.isAssignableFrom(c)) return ref(ScalarSchemas.JSON);
        switch (c.getSimpleName()) {
            case "IntOrString" -> {
                return ref(SchemaNames.INT_OR_STRING);
            }
            case "Quantity" -> {
                return ref(SchemaNames.QUANTITY);
            }
            case "MicroTime" -> {
                return ref(SchemaNames.MICRO_TIME);
            }
            case "FieldsV1" -> {
                return ref(SchemaNames.FIELDS_V1);
            }
            default -> {}
        }
        if (ModelProperties.isModel(c)) return ref(component(c));
        return ref(SchemaNames.RAW_EXTENSION); // Object: an embedded object of any kind
    }

    /**
     * Whether a string field holds a {@code metav1.Time}: fabric8 decodes those as plain strings,
     * so the field's name tells (creationTimestamp, lastTransitionTime, startedAt, …).
     */
    static boolean isTime(String field) {
        return field.endsWith("Time")
                || field.endsWith("Timestamp")
                || field.equals("time")
                || field.equals("startedAt")
                || field.equals("finishedAt");
    }

    private static boolean hasOwnDeserializer(Class<?> model) {
        JsonDeserialize d = model.getAnnotation(JsonDeserialize.class);
        return d != null && !d.using().getSimpleName().equals("None");
    }

    private static ObjectNode primitive(String type, String format) {
        ObjectNode s = Json.object();
        s.put("type", type);
        if (format != null) s.put("format", format);
        return s;
    }

    private static ObjectNode ref(String component) {
        ObjectNode s = Json.object();
        s.putArray("allOf").addObject().put("$ref", REF + component);
        return s;
    }
}
