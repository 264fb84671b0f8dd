package io.everynode.api.rollout;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * E6.4: OpenKruise's {@code spec.lifecycle}, carried as JSON by the annotation {@link
 * AdvancedRollout#LIFECYCLE}: a {@code preDelete} hook held before the controller deletes a pod
 * and an {@code inPlaceUpdate} hook held before it updates one in place. A pod is <em>hooked</em>
 * while it carries any of the hook's labels (with the same value) or finalizers; the controller
 * waits while it is. Kruise's names for the pod's lifecycle state label and its values.
 */
public record LifecycleHooks(Optional<Hook> preDelete, Optional<Hook> inPlaceUpdate) {
    /** Kruise's label holding a pod's lifecycle state. */
    public static final String STATE_LABEL = "lifecycle.apps.kruise.io/state";
    /** Kruise's annotation with the time the state was last set (RFC 3339). */
    public static final String TIMESTAMP_ANNOTATION = "lifecycle.apps.kruise.io/timestamp";

    public static final String NORMAL = "Normal";
    public static final String PREPARING_UPDATE = "PreparingUpdate";
    public static final String UPDATING = "Updating";
    public static final String UPDATED = "Updated";
    public static final String PREPARING_DELETE = "PreparingDelete";

    /** Kruise's readiness gate for {@code markPodNotReady}: False while a hook holds the pod. */
    public static final String POD_READY_GATE = "KruisePodReady";

    public static final LifecycleHooks NONE = new LifecycleHooks(Optional.empty(), Optional.empty());

    /**
     * One hook. {@code labelsHandler}: labels whose presence (same value) holds the pod;
     * {@code finalizersHandler}: finalizers whose presence holds it; {@code markPodNotReady}: the
     * pod is made not Ready (its {@link #POD_READY_GATE} condition False) while it waits.
     */
    public record Hook(Map<String, String> labelsHandler, List<String> finalizersHandler, boolean markPodNotReady) {
        public Hook {
            labelsHandler = Map.copyOf(labelsHandler);
            finalizersHandler = List.copyOf(finalizersHandler);
        }

        /** Kruise's IsPodHooked: any of the hook's labels (same value) or finalizers is on the pod. */
        public boolean holds(Pod pod) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null
                    ? Map.of()
                    : pod.getMetadata().getLabels();
            for (Map.Entry<String, String> e : labelsHandler.entrySet()) {
                if (e.getValue().equals(labels.get(e.getKey()))) {
                    return true;
                }
            }
            List<String> finalizers = pod.getMetadata().getFinalizers() == null
                    ? List.of()
                    : pod.getMetadata().getFinalizers();
            return finalizersHandler.stream().anyMatch(finalizers::contains);
        }
    }

    /** Whether any hook asks for pods to be marked not ready (pods then carry {@link #POD_READY_GATE}). */
    public boolean marksNotReady() {
        return preDelete.map(Hook::markPodNotReady).orElse(false)
                || inPlaceUpdate.map(Hook::markPodNotReady).orElse(false);
    }

    /** The pod's lifecycle state; Normal when it has none. */
    public static String state(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        String s = labels == null ? null : labels.get(STATE_LABEL);
        return s == null || s.isEmpty() ? NORMAL : s;
    }

    /** The hooks the object's annotations set; none when absent or invalid (validation refuses invalid, E6.5). */
    public static LifecycleHooks of(ObjectMeta meta) {
        Map<String, String> a = meta == null ? null : meta.getAnnotations();
        String v = a == null ? null : a.get(AdvancedRollout.LIFECYCLE);
        if (v == null) {
            return NONE;
        }
        Parsed p = parse(v);
        return p.hooks() == null ? NONE : p.hooks();
    }

    /** A parse: the hooks, or the path (below the annotation) and the reason it is invalid. */
    public record Parsed(LifecycleHooks hooks, String path, String error) {}

    private static final Set<String> TOP = Set.of("preDelete", "inPlaceUpdate");
    private static final Set<String> FIELDS = Set.of("labelsHandler", "finalizersHandler", "markPodNotReady");

    /** Parses the annotation's JSON; unknown fields and wrong types are errors. */
    public static Parsed parse(String json) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (RuntimeException e) {
            return new Parsed(
                    null, "", "must be a JSON object, e.g. {\"preDelete\":{\"labelsHandler\":{\"k\":\"v\"}}}");
        }
        if (root == null || !root.isObject()) {
            return new Parsed(
                    null, "", "must be a JSON object, e.g. {\"preDelete\":{\"labelsHandler\":{\"k\":\"v\"}}}");
        }
        for (String name : root.propertyNames()) {
            if (!TOP.contains(name)) {
                return new Parsed(null, name, "unknown field; supported: inPlaceUpdate, preDelete");
            }
        }
        Hook[] hooks = new Hook[2];
        String[] names = {"preDelete", "inPlaceUpdate"};
        for (int i = 0; i < 2; i++) {
            JsonNode h = root.get(names[i]);
            if (h == null || h.isNull()) {
                continue;
            }
            if (!h.isObject()) {
                return new Parsed(null, names[i], "must be an object");
            }
            for (String f : h.propertyNames()) {
                if (!FIELDS.contains(f)) {
                    return new Parsed(
                            null,
                            names[i] + "." + f,
                            "unknown field; supported: finalizersHandler, labelsHandler, markPodNotReady");
                }
            }
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode l = h.get("labelsHandler");
            if (l != null && !l.isNull()) {
                if (!l.isObject()) {
                    return new Parsed(null, names[i] + ".labelsHandler", "must be an object of label names to values");
                }
                for (String k : l.propertyNames()) {
                    if (!l.get(k).isString()) {
                        return new Parsed(null, names[i] + ".labelsHandler." + k, "must be a string");
                    }
                    labels.put(k, l.get(k).asString());
                }
            }
            List<String> finalizers = new ArrayList<>();
            JsonNode f = h.get("finalizersHandler");
            if (f != null && !f.isNull()) {
                if (!f.isArray()) {
                    return new Parsed(null, names[i] + ".finalizersHandler", "must be a list of finalizer names");
                }
                for (JsonNode x : f) {
                    if (!x.isString() || x.asString().isEmpty()) {
                        return new Parsed(null, names[i] + ".finalizersHandler", "must be a list of finalizer names");
                    }
                    finalizers.add(x.asString());
                }
            }
            JsonNode m = h.get("markPodNotReady");
            if (m != null && !m.isNull() && !m.isBoolean()) {
                return new Parsed(null, names[i] + ".markPodNotReady", "must be true or false");
            }
            hooks[i] = new Hook(labels, finalizers, m != null && m.asBoolean());
        }
        return new Parsed(new LifecycleHooks(Optional.ofNullable(hooks[0]), Optional.ofNullable(hooks[1])), null, null);
    }
}
