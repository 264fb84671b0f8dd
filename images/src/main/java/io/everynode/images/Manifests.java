package io.everynode.images;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads image manifests, indexes (manifest lists) and image configs, in Docker's and the OCI's forms. */
public final class Manifests {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Manifests() {}

    /** An image manifest: its config and its layers, lowest first. */
    public record Manifest(Descriptor config, List<Descriptor> layers) {
        public Manifest {
            layers = List.copyOf(layers);
        }
    }

    /** An index or manifest list: one manifest per platform. */
    public record Index(List<Descriptor> manifests) {
        public Index {
            manifests = List.copyOf(manifests);
        }

        /** The entry for {@code platform} ({@code os/arch}, an entry's variant ignored when the platform names none). */
        public Optional<Descriptor> forPlatform(String platform) {
            for (Descriptor d : manifests) {
                if (d.platform().equals(platform) || d.platform().startsWith(platform + "/")) return Optional.of(d);
            }
            return Optional.empty();
        }
    }

    public static JsonNode tree(byte[] json, String what) {
        try {
            JsonNode node = JSON.readTree(json);
            if (node == null || !node.isObject()) throw new BadImage(what + " is not a JSON object");
            return node;
        } catch (JacksonException e) {
            throw new BadImage(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The media type of a manifest or index document: its own field, else the one it was served with. */
    public static String mediaTypeOf(byte[] json, String servedAs) {
        JsonNode node = tree(json, "the manifest");
        String own = node.path("mediaType").asString("");
        if (!own.isEmpty()) return own;
        if (node.has("manifests")) return MediaTypes.OCI_INDEX;
        if (node.has("layers")) return MediaTypes.OCI_MANIFEST;
        return servedAs == null ? "" : servedAs;
    }

    public static Manifest manifest(byte[] json) {
        JsonNode node = tree(json, "the manifest");
        if (node.path("schemaVersion").asInt(0) != 2) {
            throw new BadImage("manifest schema version "
                    + node.path("schemaVersion").asString("?") + " is not supported (only schema 2)");
        }
        if (!node.path("config").isObject()) throw new BadImage("the manifest has no config");
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : node.path("layers")) layers.add(Descriptor.from(l));
        return new Manifest(Descriptor.from(node.path("config")), layers);
    }

    public static Index index(byte[] json) {
        JsonNode node = tree(json, "the index");
        List<Descriptor> manifests = new ArrayList<>();
        for (JsonNode m : node.path("manifests")) manifests.add(Descriptor.from(m));
        return new Index(manifests);
    }
}
