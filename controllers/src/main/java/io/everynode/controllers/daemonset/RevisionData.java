package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bytes that identify a pod template: the ControllerRevision data (R4.1) and the template
 * hash (R4.2). Both are computed over a canonical JSON form (compact, object keys sorted) so the
 * same template always gives the same bytes, whatever order a map was filled in. Pure.
 */
public final class RevisionData {
    /** Upstream's "safe" alphabet: no vowels (no words) and no look-alike characters. */
    static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private RevisionData() {}

    /**
     * R4.1: {@code {"spec":{"template":{...,"$patch":"replace"}}}}, canonical and compact, with the
     * template shaped as Go's encoding/json writes it ({@link #goShaped}), because
     * {@code kubectl rollout undo} decides "skipped rollback" by comparing these bytes with its own
     * marshalling of the DaemonSet's template (R4.7).
     */
    static byte[] patchFor(DaemonSet ds) {
        ObjectNode template = goShaped(templateTree(ds));
        template.put("$patch", "replace");
        ObjectNode root = Json.object();
        root.putObject("spec").set("template", template);
        return canonicalBytes(root);
    }

    /** Canonical bytes of a stored revision's data (a parsed map or tree); null data → empty. */
    static byte[] canonicalOf(Object data) {
        if (data == null) {
            return new byte[0];
        }
        JsonNode tree = data instanceof byte[] b
                ? Json.parse(b)
                : data instanceof String s
                        ? Json.parse(s.getBytes(StandardCharsets.UTF_8))
                        : Json.MAPPER.valueToTree(data);
        return canonicalBytes(tree);
    }

    /** R4.1 matching: the revision's data is exactly the DaemonSet's patch. */
    static boolean matches(Object revisionData, DaemonSet ds) {
        return java.util.Arrays.equals(canonicalOf(revisionData), patchFor(ds));
    }

    /**
     * E3.4: the pod template a revision's data holds (R4.1's patch, its {@code $patch} directive
     * dropped), as {@code kubectl rollout undo} reads it.
     */
    static io.fabric8.kubernetes.api.model.PodTemplateSpec templateOf(
            io.fabric8.kubernetes.api.model.apps.ControllerRevision r) {
        JsonNode tree = Json.parse(canonicalOf(r.getData()));
        JsonNode template = tree.path("spec").path("template");
        if (!(template instanceof ObjectNode o)) {
            throw new IllegalArgumentException("revision " + r.getMetadata().getName() + " holds no spec.template");
        }
        ObjectNode copy = o.deepCopy();
        copy.remove("$patch");
        return Json.MAPPER.treeToValue(copy, io.fabric8.kubernetes.api.model.PodTemplateSpec.class);
    }

    /** Parses patch bytes into the plain map stored as {@code ControllerRevision.data}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asData(byte[] patch) {
        return Json.MAPPER.readValue(patch, Map.class);
    }

    /**
     * R4.2: FNV-1a 32-bit over the canonical template, then (when collisionCount is set) eight
     * more bytes holding collisionCount as a little-endian uint32 in the first four; the unsigned
     * decimal of the sum, each character mapped into {@link #ALPHABET}.
     */
    public static String hash(PodTemplateSpec template, Integer collisionCount) {
        byte[] bytes = canonicalBytes(template == null ? Json.object() : Json.tree(template));
        int h = fnv1a(FNV_OFFSET, bytes);
        if (collisionCount != null) {
            int c = collisionCount;
            h = fnv1a(h, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0});
        }
        return safeEncode(Integer.toUnsignedString(h));
    }

    static final int FNV_OFFSET = 0x811c9dc5;

    /** FNV-1a 32-bit, continuing from {@code h} (start with {@link #FNV_OFFSET}). */
    static int fnv1a(int h, byte[] bytes) {
        for (byte b : bytes) {
            h ^= (b & 0xff);
            h *= 0x01000193;
        }
        return h;
    }

    static String safeEncode(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            out.append(ALPHABET.charAt(s.charAt(i) % ALPHABET.length()));
        }
        return out.toString();
    }

    static byte[] canonicalBytes(JsonNode node) {
        return Json.bytes(sorted(node));
    }

    /** Container lists of a pod spec; each element holds a non-pointer {@code resources} struct in Go. */
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

    /**
     * Adds what Go's json.Marshal of a typed PodTemplateSpec always writes although Jackson omits
     * it when empty: non-pointer struct fields ({@code metadata}, {@code spec}, and each
     * container's {@code resources}) are written as {@code {}} even when empty (since Kubernetes
     * 1.34 a zero {@code creationTimestamp} is omitted, so nothing is added for it).
     */
    static ObjectNode goShaped(ObjectNode template) {
        if (!(template.get("metadata") instanceof ObjectNode)) template.putObject("metadata");
        if (!(template.get("spec") instanceof ObjectNode spec)) {
            template.putObject("spec");
            return template;
        }
        for (String list : CONTAINER_LISTS) {
            if (spec.get(list) instanceof ArrayNode containers) {
                for (JsonNode c : containers) {
                    if (c instanceof ObjectNode container && !(container.get("resources") instanceof ObjectNode)) {
                        container.putObject("resources");
                    }
                }
            }
        }
        return template;
    }

    private static ObjectNode templateTree(DaemonSet ds) {
        PodTemplateSpec t = ds.getSpec() == null ? null : ds.getSpec().getTemplate();
        return t == null ? Json.object() : Json.tree(t);
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            List<String> names = new ArrayList<>(obj.propertyNames());
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String n : names) {
                out.set(n, sorted(obj.get(n)));
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode e : arr) {
                out.add(sorted(e));
            }
            return out;
        }
        return node;
    }
}
