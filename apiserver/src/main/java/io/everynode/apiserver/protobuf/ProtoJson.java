package io.everynode.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.everynode.api.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A decoded Kubernetes message as the JSON its kind has: each field under its proto name (which
 * the generated.proto files take from the JSON name), maps as objects, bytes as base64, and the
 * apimachinery types whose JSON form is not their message's handled here, once.
 *
 * <p>Presence: the .proto files are proto2, so every singular field knows whether it was sent,
 * and a field that was not sent stays absent. Go clients also send every non-pointer field, zero
 * or not, so a sent zero ("", 0, false) is left out as JSON's {@code omitempty} leaves it out,
 * except where {@link GoFields} knows the zero is a choice ({@code replicas: 0}). Elements of
 * lists and values of maps are always kept ("" is a valid label value). Structs Go embeds
 * ({@code Volume}'s volume source, {@code IngressRule}'s value) are merged into their parent.
 *
 * <p>Fields the descriptor does not know (a newer API than client-java-proto's) are refused
 * rather than dropped: writing an object without them would lose what the client asked for.
 */
public final class ProtoJson {
    private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
    private static final String APIEXT = "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.";
    private static final DateTimeFormatter RFC3339_MICRO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How an object is read from the bytes a RawExtension holds (JSON, or a nested protobuf object). */
    public interface Embedded {
        JsonNode read(byte[] raw);
    }

    private final Embedded embedded;

    public ProtoJson(Embedded embedded) {
        this.embedded = embedded;
    }

    /** The JSON object of a message; fails with {@link ProtobufException} on fields it does not know. */
    public ObjectNode object(Message m) {
        return object(m, m.getDescriptorForType().getName());
    }

    private ObjectNode object(Message m, String path) {
        if (!m.getUnknownFields().asMap().isEmpty()) {
            int field = m.getUnknownFields().asMap().keySet().iterator().next();
            throw new ProtobufException(
                    "field number " + field + " of " + m.getDescriptorForType().getFullName() + " (at " + path
                            + ") is not known to this server; send the object as JSON");
        }
        ObjectNode out = Json.object();
        for (FieldDescriptor fd : m.getDescriptorForType().getFields()) {
            String name = GoFields.jsonName(fd);
            String at = path + "." + name;
            if (fd.isMapField()) {
                int n = m.getRepeatedFieldCount(fd);
                if (n == 0) continue;
                ObjectNode map = out.putObject(name);
                FieldDescriptor key = fd.getMessageType().findFieldByNumber(1);
                FieldDescriptor value = fd.getMessageType().findFieldByNumber(2);
                for (int i = 0; i < n; i++) {
                    Message entry = (Message) m.getRepeatedField(fd, i);
                    String k = String.valueOf(entry.getField(key));
                    JsonNode v = value(value, entry.getField(value), at + "[" + k + "]");
                    map.set(k, v == null ? NODES.nullNode() : v);
                }
            } else if (fd.isRepeated()) {
                int n = m.getRepeatedFieldCount(fd);
                if (n == 0) continue;
                ArrayNode list = out.putArray(name);
                for (int i = 0; i < n; i++) {
                    JsonNode v = value(fd, m.getRepeatedField(fd, i), at + "[" + i + "]");
                    list.add(v == null ? NODES.nullNode() : v);
                }
            } else if (m.hasField(fd)) {
                Object v = m.getField(fd);
                if (GoFields.isZero(v) && !GoFields.keepsZero(fd)) continue;
                JsonNode node = value(fd, v, at);
                if (node instanceof ObjectNode inlined && GoFields.inline(fd)) {
                    inlined.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
                } else if (node != null) {
                    out.set(name, node);
                }
            }
        }
        return out;
    }

    /** One value's JSON; null for a value whose JSON form is absent (a zero Time, an empty RawExtension). */
    private JsonNode value(FieldDescriptor fd, Object v, String path) {
        return switch (fd.getJavaType()) {
            case STRING -> NODES.stringNode((String) v);
            case INT -> NODES.numberNode((Integer) v);
            case LONG -> NODES.numberNode((Long) v);
            case BOOLEAN -> NODES.booleanNode((Boolean) v);
            case DOUBLE -> NODES.numberNode((Double) v);
            case FLOAT -> NODES.numberNode((Float) v);
            case BYTE_STRING -> NODES.stringNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
            case ENUM -> NODES.stringNode(String.valueOf(v));
            case MESSAGE -> message((Message) v, path);
        };
    }

    private JsonNode message(Message m, String path) {
        Descriptor d = m.getDescriptorForType();
        return switch (d.getFullName()) {
            case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> intOrString(m);
            case "k8s.io.apimachinery.pkg.api.resource.Quantity",
                    "k8s.io.apimachinery.pkg.api.resource.QuantityValue" ->
                NODES.stringNode((String) m.getField(d.findFieldByName("string")));
            case META + "Time" -> time(m, false);
            case META + "MicroTime" -> time(m, true);
            case META + "Duration" -> NODES.stringNode(GoDuration.format((Long) m.getField(d.findFieldByNumber(1))));
            case META + "FieldsV1", "k8s.io.apimachinery.pkg.runtime.RawExtension", APIEXT + "JSON" -> raw(m, path);
            case APIEXT + "JSONSchemaPropsOrArray" -> either(m, "jSONSchemas", path);
            case APIEXT + "JSONSchemaPropsOrBool" -> either(m, "allows", path);
            case APIEXT + "JSONSchemaPropsOrStringArray" -> either(m, "property", path);
            default -> object(m, path);
        };
    }

    /**
     * A CRD schema's "schema or something else" ({@code items}, {@code additionalProperties},
     * {@code dependencies}): the schema object when one was sent, else the other field as JSON
     * (a list of schemas, a boolean, a list of property names).
     */
    private JsonNode either(Message m, String other, String path) {
        Descriptor d = m.getDescriptorForType();
        FieldDescriptor schema = d.findFieldByName("schema");
        if (m.hasField(schema)) return object((Message) m.getField(schema), path);
        FieldDescriptor alt = d.findFieldByName(other);
        if (!alt.isRepeated()) return value(alt, m.getField(alt), path);
        ArrayNode list = Json.array();
        for (int i = 0; i < m.getRepeatedFieldCount(alt); i++) {
            list.add(value(alt, m.getRepeatedField(alt, i), path + "[" + i + "]"));
        }
        return list;
    }

    /** {type: 0 int, 1 string; intVal; strVal}: a JSON number or string. */
    private static JsonNode intOrString(Message m) {
        Descriptor d = m.getDescriptorForType();
        long type = ((Number) m.getField(d.findFieldByName("type"))).longValue();
        if (type == 1) return NODES.stringNode((String) m.getField(d.findFieldByName("strVal")));
        return NODES.numberNode((Integer) m.getField(d.findFieldByName("intVal")));
    }

    /** {seconds, nanos} since the epoch: RFC 3339 (Time to the second, MicroTime to the microsecond). */
    private static JsonNode time(Message m, boolean micro) {
        Descriptor d = m.getDescriptorForType();
        FieldDescriptor seconds = d.findFieldByName("seconds");
        FieldDescriptor nanos = d.findFieldByName("nanos");
        if (!m.hasField(seconds) && !m.hasField(nanos)) return null; // Go's zero time: null in JSON
        Instant t = Instant.ofEpochSecond((Long) m.getField(seconds), (Integer) m.getField(nanos));
        if (micro) return NODES.stringNode(RFC3339_MICRO.format(t));
        return NODES.stringNode(
                DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
    }

    /** A message carrying one bytes field of embedded JSON (or a nested object). */
    private JsonNode raw(Message m, String path) {
        FieldDescriptor f = m.getDescriptorForType().getFields().get(0);
        byte[] bytes = ((ByteString) m.getField(f)).toByteArray();
        if (bytes.length == 0) return null;
        try {
            return embedded.read(bytes);
        } catch (JacksonException e) {
            throw new ProtobufException("the embedded object at " + path + " is neither JSON nor protobuf");
        }
    }
}
