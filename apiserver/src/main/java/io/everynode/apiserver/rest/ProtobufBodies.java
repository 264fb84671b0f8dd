package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.Statuses;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes the protobuf bodies kubectl's typed clients send for the kinds kubectl can create
 * without a manifest: {@code kubectl create namespace} and {@code kubectl create priorityclass}
 * (client-go sends protobuf for built-in kinds and does not fall back to JSON on 415).
 *
 * <p>The wire form is the {@code k8s\0} magic followed by a {@code runtime.Unknown} envelope
 * (typeMeta = 1, raw = 2); the field numbers below are those of the upstream API's .proto
 * definitions. Only the fields a create may carry are read; anything else is refused with 415
 * so nothing is silently lost.
 */
final class ProtobufBodies {
    private static final byte[] MAGIC = {'k', '8', 's', 0};
    /** What to send instead when a protobuf body cannot be read in full. */
    private static final java.util.List<String> JSON_OR_YAML =
            java.util.List.of("application/json", "application/yaml");

    private ProtobufBodies() {}

    static boolean supports(ResourceType type) {
        return type == ResourceTypes.NAMESPACES || type == ResourceTypes.PRIORITY_CLASSES;
    }

    static ObjectNode decode(byte[] body, ResourceType type) {
        if (body.length < 4 || !Arrays.equals(Arrays.copyOf(body, 4), MAGIC) || !supports(type)) {
            throw Statuses.unsupportedMediaType(JSON_OR_YAML);
        }
        Reader envelope = new Reader(body, 4, body.length);
        ObjectNode out = Json.object();
        byte[] raw = null;
        while (envelope.more()) {
            int tag = envelope.tag();
            switch (tag) {
                case 1 -> {
                    Reader tm = envelope.message();
                    while (tm.more()) {
                        int t = tm.tag();
                        if (t == 1) out.put("apiVersion", tm.string());
                        else if (t == 2) out.put("kind", tm.string());
                        else tm.skip();
                    }
                }
                case 2 -> raw = envelope.bytes();
                default -> envelope.skip();
            }
        }
        if (raw == null) throw Statuses.badRequest("protobuf body carries no object");
        Reader r = new Reader(raw, 0, raw.length);
        while (r.more()) {
            int tag = r.tag();
            if (tag == 1) {
                out.set("metadata", objectMeta(r.message()));
            } else if (type == ResourceTypes.NAMESPACES && tag == 2) {
                Reader spec = r.message();
                ArrayNode f = Json.child(out, "spec").putArray("finalizers");
                while (spec.more()) {
                    if (spec.tag() == 1) f.add(spec.string());
                    else spec.skip();
                }
            } else if (type == ResourceTypes.NAMESPACES && tag == 3) {
                r.skip(); // status is the server's
            } else if (type == ResourceTypes.PRIORITY_CLASSES && tag == 2) {
                out.put("value", (int) r.varint());
            } else if (type == ResourceTypes.PRIORITY_CLASSES && tag == 3) {
                out.put("globalDefault", r.varint() != 0);
            } else if (type == ResourceTypes.PRIORITY_CLASSES && tag == 4) {
                out.put("description", r.string());
            } else if (type == ResourceTypes.PRIORITY_CLASSES && tag == 5) {
                out.put("preemptionPolicy", r.string());
            } else {
                throw Statuses.unsupportedMediaType(JSON_OR_YAML);
            }
        }
        return out;
    }

    /** ObjectMeta: name 1, generateName 2, namespace 3, labels 11, annotations 12, finalizers 14. */
    private static ObjectNode objectMeta(Reader r) {
        ObjectNode m = Json.object();
        while (r.more()) {
            int tag = r.tag();
            switch (tag) {
                case 1 -> m.put("name", r.string());
                case 2 -> m.put("generateName", r.string());
                case 3 -> m.put("namespace", r.string());
                case 11, 12 -> {
                    Reader e = r.message();
                    String k = "";
                    String v = "";
                    while (e.more()) {
                        int t = e.tag();
                        if (t == 1) k = e.string();
                        else if (t == 2) v = e.string();
                        else e.skip();
                    }
                    Json.child(m, tag == 11 ? "labels" : "annotations").put(k, v);
                }
                case 14 -> {
                    ArrayNode f = m.has("finalizers") ? (ArrayNode) m.get("finalizers") : m.putArray("finalizers");
                    f.add(r.string());
                }
                default -> r.skip();
            }
        }
        return m;
    }

    /** A cursor over protobuf wire format. */
    private static final class Reader {
        private final byte[] buf;
        private int pos;
        private final int end;
        private int wireType;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        boolean more() {
            return pos < end;
        }

        int tag() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) throw Statuses.badRequest("truncated protobuf body");
                byte b = buf[pos++];
                result |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) return result;
            }
            throw Statuses.badRequest("malformed protobuf varint");
        }

        byte[] bytes() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) throw Statuses.badRequest("truncated protobuf body");
            byte[] out = Arrays.copyOfRange(buf, pos, pos + len);
            pos += len;
            return out;
        }

        String string() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Reader message() {
            int len = (int) varint();
            if (len < 0 || pos + len > end) throw Statuses.badRequest("truncated protobuf body");
            Reader r = new Reader(buf, pos, pos + len);
            pos += len;
            return r;
        }

        void skip() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> bytes();
                case 5 -> pos += 4;
                default -> throw Statuses.badRequest("unsupported protobuf wire type " + wireType);
            }
        }
    }
}
