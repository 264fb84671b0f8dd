package io.everynode.api.json;

import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one JSON configuration of the server and its clients (Jackson 3, as fabric8 8 uses).
 * Immutable and thread-safe; callers share {@link #MAPPER}. Strings are escaped as Go's
 * encoding/json escapes them ({@link GoEscapes}), because kubectl compares some bytes it gets
 * (a ControllerRevision's data in {@code rollout undo}) with bytes it encodes itself.
 */
public final class Json {
    /** Thread-safe and immutable: sharing it is not shared mutable state. */
    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .characterEscapes(new GoEscapes())
                    .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                    .build())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    public static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    /** A streaming parser over JSON or YAML, for scans the tree does not keep (duplicate keys). */
    public static tools.jackson.core.JsonParser parser(byte[] bytes, boolean yaml) {
        return yaml ? YAML.createParser(bytes) : MAPPER.createParser(bytes);
    }

    public static JsonNode parseYaml(byte[] bytes) {
        return YAML.readTree(bytes);
    }

    public static byte[] bytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String string(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static <T> T convert(JsonNode node, Class<T> type) {
        return MAPPER.treeToValue(node, type);
    }

    public static ObjectNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * Whether two trees hold the same content, numbers compared by value: a tree decoded from
     * the store and one encoded from a model may hold 30 as an int in one and a long in the
     * other, and that is no change.
     */
    public static boolean same(JsonNode a, JsonNode b) {
        return a.equals(NUMERIC_VALUE, b);
    }

    private static final java.util.Comparator<JsonNode> NUMERIC_VALUE = (x, y) -> {
        if (x.equals(y)) return 0;
        if (x.isNumber() && y.isNumber()) return x.decimalValue().compareTo(y.decimalValue());
        return 1;
    };

    /** The text at {@code field} of {@code node}, or null when absent, null or not text. */
    public static String text(JsonNode node, String field) {
        if (node == null) return null;
        JsonNode v = node.get(field);
        return v != null && v.isString() ? v.stringValue() : null;
    }

    /** The object at {@code field}, created when missing (or when not an object). */
    public static ObjectNode child(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v instanceof ObjectNode o) return o;
        return node.putObject(field);
    }

    /** Follows a path of field names; returns a missing node when any step is absent. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode cur = node;
        for (String p : path) {
            if (cur == null) return JsonNodeFactory.instance.missingNode();
            cur = cur.path(p);
        }
        return cur;
    }
}
