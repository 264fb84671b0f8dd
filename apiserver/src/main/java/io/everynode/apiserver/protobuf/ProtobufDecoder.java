package io.everynode.apiserver.protobuf;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.everynode.api.json.Json;
import io.kubernetes.client.proto.Runtime;
import java.util.Arrays;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Kubernetes protobuf body: the magic {@code k8s\0}, then a {@code runtime.Unknown}
 * whose typeMeta names the object's apiVersion and kind and whose raw bytes are that kind's
 * message, which is decoded with the kind's descriptor and returned as its JSON object (with
 * apiVersion and kind set).
 */
public final class ProtobufDecoder {
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    /**
     * runtime.Unknown, read through its descriptor: client-java-proto's generated class for it is
     * old gencode that makes protobuf-java log a warning on every first use.
     */
    private static final Descriptor UNKNOWN = Runtime.getDescriptor().findMessageTypeByName("Unknown");

    private final ProtoCatalog catalog;
    private final ProtoJson json;

    public ProtobufDecoder(ProtoCatalog catalog) {
        this.catalog = catalog;
        this.json = new ProtoJson(this::embedded);
    }

    /** Whether the bytes start with the Kubernetes protobuf magic. */
    public static boolean isProtobuf(byte[] body) {
        return body.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC);
    }

    /** Decodes a body into its JSON object; fails with {@link ProtobufException}. */
    public ObjectNode decode(byte[] body) {
        if (!isProtobuf(body)) {
            throw new ProtobufException("the protobuf body does not start with the k8s\\0 prefix", false);
        }
        DynamicMessage unknown;
        try {
            unknown = DynamicMessage.parseFrom(UNKNOWN, Arrays.copyOfRange(body, MAGIC.length, body.length));
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufException("the protobuf envelope is malformed: " + e.getMessage(), false);
        }
        String encoding = string(unknown, "contentEncoding");
        if (!encoding.isEmpty())
            throw new ProtobufException("protobuf content encoding " + encoding + " is not supported");
        String contentType = string(unknown, "contentType");
        if (!contentType.isEmpty() && !contentType.contains("protobuf")) {
            throw new ProtobufException("a protobuf envelope holding " + contentType + " is not supported");
        }
        Message typeMeta = (Message) unknown.getField(UNKNOWN.findFieldByName("typeMeta"));
        String apiVersion = string(typeMeta, "apiVersion");
        String kind = string(typeMeta, "kind");
        if (kind.isEmpty()) throw new ProtobufException("the protobuf body names no kind", false);
        Descriptor d = catalog.find(apiVersion, kind)
                .orElseThrow(() -> new ProtobufException(
                        "protobuf bodies of " + kind + " (" + apiVersion + ") are not supported; send JSON"));
        DynamicMessage m;
        try {
            m = DynamicMessage.parseFrom(d, (ByteString) unknown.getField(UNKNOWN.findFieldByName("raw")));
        } catch (InvalidProtocolBufferException e) {
            throw new ProtobufException("the protobuf " + kind + " is malformed: " + e.getMessage(), false);
        }
        ObjectNode fields = json.object(m);
        ObjectNode out = Json.object();
        if (!apiVersion.isEmpty()) out.put("apiVersion", apiVersion);
        out.put("kind", kind);
        fields.properties().forEach(e -> {
            if (!out.has(e.getKey())) out.set(e.getKey(), e.getValue());
        });
        return out;
    }

    private static String string(Message m, String field) {
        return (String) m.getField(m.getDescriptorForType().findFieldByName(field));
    }

    /** RawExtension bytes: JSON as Go clients write them, or a nested protobuf object. */
    private JsonNode embedded(byte[] raw) {
        return isProtobuf(raw) ? decode(raw) : Json.parse(raw);
    }
}
