package io.everynode.apiserver.patch;

import tools.jackson.databind.JsonNode;

/** TEMPORARY placeholder; replaced by the patch branch. */
public final class JsonMergePatch {
    private JsonMergePatch() {}

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        throw new UnsupportedOperationException("JsonMergePatch pending");
    }
}
