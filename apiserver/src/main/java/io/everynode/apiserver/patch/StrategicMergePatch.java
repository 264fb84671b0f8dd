package io.everynode.apiserver.patch;

import tools.jackson.databind.JsonNode;

/** TEMPORARY placeholder; replaced by the patch branch. */
public final class StrategicMergePatch {
    private StrategicMergePatch() {}

    public static StrategicMergePatch forKind(String kind) {
        return new StrategicMergePatch();
    }

    public JsonNode apply(JsonNode target, JsonNode patch) {
        throw new UnsupportedOperationException("SMP pending");
    }
}
