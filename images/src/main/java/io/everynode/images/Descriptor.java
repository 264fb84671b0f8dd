package io.everynode.images;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A content descriptor: what a manifest or index points at.
 *
 * @param platform for an index entry, {@code os/architecture[/variant]}; "" otherwise
 * @param annotations the descriptor's annotations (an OCI layout's ref name lives here)
 */
public record Descriptor(String mediaType, Digest digest, long size, String platform, Map<String, String> annotations) {
    public Descriptor {
        annotations = Map.copyOf(annotations);
    }

    static Descriptor from(JsonNode node) {
        JsonNode p = node.path("platform");
        String platform = "";
        if (p.isObject()) {
            platform = p.path("os").asString("") + "/" + p.path("architecture").asString("");
            String variant = p.path("variant").asString("");
            if (!variant.isEmpty()) platform += "/" + variant;
        }
        Map<String, String> annotations = new java.util.HashMap<>();
        node.path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asString("")));
        try {
            return new Descriptor(
                    node.path("mediaType").asString(""),
                    Digest.parse(node.path("digest").asString("")),
                    node.path("size").asLong(-1),
                    platform,
                    annotations);
        } catch (IllegalArgumentException e) {
            throw new BadImage(
                    "a descriptor has a bad digest \"" + node.path("digest").asString("") + "\": " + e.getMessage());
        }
    }
}
