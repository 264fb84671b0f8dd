package io.everynode.advisor.lint;

import tools.jackson.databind.node.ObjectNode;

/**
 * One object read from a file: the file as the user named it, its 1-based YAML document, and
 * for an item of a {@code List} the prefix of its field paths ({@code items[2].}, else empty).
 */
public record Manifest(String file, int document, String pathPrefix, ObjectNode object) {
    public String kind() {
        return object.path("kind").asString("");
    }

    public String apiVersion() {
        return object.path("apiVersion").asString("");
    }
}
