package io.everynode.apiserver.openapi;

import io.everynode.apiserver.patch.MergeHints;
import io.everynode.apiserver.patch.MergeHints.ListHint;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge extensions of each model class's fields, as the server's own merge table
 * ({@link MergeHints}) declares them: the table is walked from each kind's root alongside the
 * model classes, so a shared type (PodSpec under a Pod and under a DaemonSet's template) gets
 * the hints of every path that declares any. kubectl computes its patches from these, so they
 * must say what the server merges by: a key kubectl diffs by but the server does not know would
 * append elements instead of merging them.
 */
final class PatchHints {
    /**
     * Fields upstream tags with the {@code retainKeys} strategy: a patch that switches a union's
     * member (a volume's source, a Deployment's strategy type) clears the other members. The
     * server honours {@code $retainKeys} wherever a patch has one.
     */
    private static final Set<String> RETAIN_KEYS =
            Set.of("PodSpec.volumes", "PodSpec.resourceClaims", "DeploymentSpec.strategy");

    private final Map<Class<?>, Map<String, ListHint>> lists = new HashMap<>();

    /** Hints for the given kinds: model class to its kind name. */
    PatchHints(Map<Class<?>, String> kinds) {
        kinds.forEach((model, kind) -> walk(model, MergeHints.forKind(kind)));
    }

    private void walk(Class<?> model, MergeHints hints) {
        if (hints.isEmpty()) return;
        for (ModelProperties.Property p : ModelProperties.of(model)) {
            hints.list(p.name())
                    .ifPresent(h ->
                            lists.computeIfAbsent(model, k -> new HashMap<>()).putIfAbsent(p.name(), h));
            Type element = ModelProperties.element(p.type());
            if (ModelProperties.isModel(element)) walk((Class<?>) element, hints.under(p.name()));
        }
    }

    /** The declared list hint of {@code model}'s field {@code name}, or null. */
    ListHint list(Class<?> model, String name) {
        return lists.getOrDefault(model, Map.of()).get(name);
    }

    /** The {@code x-kubernetes-patch-strategy} of a field, or null for none. */
    String strategy(Class<?> model, String name) {
        ListHint h = list(model, name);
        boolean merge = h != null && h.type() != MergeHints.ListType.ATOMIC;
        boolean retain = RETAIN_KEYS.contains(model.getSimpleName() + "." + name);
        if (merge && retain) return "merge,retainKeys";
        if (merge) return "merge";
        return retain ? "retainKeys" : null;
    }
}
