package io.everynode.apiserver.admission.podsecurity;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which pod updates Pod Security checks (upstream's {@code isSignificantPodUpdate}): only those
 * that can change what the checks read once a pod exists. A pod's spec is immutable but for its
 * containers' images (and added ephemeral containers), so a change of container count, an image,
 * an ephemeral container or a container's seccomp annotation; labels, bindings and the like pass.
 */
final class PodUpdates {
    private static final String SECCOMP_CONTAINER = "container.seccomp.security.alpha.kubernetes.io/";

    private PodUpdates() {}

    static boolean significant(ObjectNode pod, ObjectNode old) {
        JsonNode spec = pod.path("spec");
        JsonNode oldSpec = old.path("spec");
        for (String list : new String[] {"containers", "initContainers"}) {
            JsonNode now = spec.path(list);
            JsonNode before = oldSpec.path(list);
            if (now.size() != before.size()) return true;
            for (int i = 0; i < now.size(); i++) {
                if (changed(now.get(i), before.get(i), pod, old)) return true;
            }
        }
        for (JsonNode c : spec.path("ephemeralContainers")) {
            JsonNode before =
                    named(oldSpec.path("ephemeralContainers"), c.path("name").asString(""));
            if (before == null || changed(c, before, pod, old)) return true;
        }
        return false;
    }

    private static boolean changed(JsonNode c, JsonNode before, ObjectNode pod, ObjectNode old) {
        if (!Objects.equals(c.path("image").asString(""), before.path("image").asString(""))) return true;
        String key = SECCOMP_CONTAINER + c.path("name").asString("");
        return !Objects.equals(annotation(pod, key), annotation(old, key));
    }

    private static String annotation(ObjectNode obj, String key) {
        JsonNode v = obj.path("metadata").path("annotations").path(key);
        return v.isString() ? v.asString() : null;
    }

    private static JsonNode named(JsonNode list, String name) {
        for (JsonNode c : list) {
            if (name.equals(c.path("name").asString(""))) return c;
        }
        return null;
    }
}
