package io.everynode.apiserver.admission.podsecurity;

import io.everynode.api.podsecurity.Evaluation;
import io.everynode.api.podsecurity.LevelVersion;
import io.everynode.api.podsecurity.PodSecurityStandards;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The warnings for a namespace's new enforce level (upstream's {@code EvaluatePodsInNamespace}):
 * one line saying existing pods violate it, then one per distinct set of reasons, led by the
 * first pod name in order and how many others share it. At most {@link #MAX_PODS} pods are
 * tried, the first of each controller before its siblings.
 */
final class ExistingPods {
    static final int MAX_PODS = 3000;

    private ExistingPods() {}

    static List<String> warnings(
            WriteContext.Lookup lookup, String namespace, LevelVersion enforce, PodSecurityExemptions exemptions) {
        List<ObjectNode> pods = prioritized(lookup.list(ResourceTypes.PODS, namespace), exemptions);
        int total = pods.size();
        if (pods.size() > MAX_PODS) pods = pods.subList(0, MAX_PODS);
        Map<String, String> firstPod = new LinkedHashMap<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        for (ObjectNode pod : pods) {
            PodTemplates.PodShape shape = PodTemplates.PodShape.of(pod.path("metadata"), pod.path("spec"));
            Evaluation e = PodSecurityStandards.evaluate(enforce, shape.meta(), shape.spec());
            if (e.allowed()) continue;
            String reason = e.forbiddenReason();
            String name = Meta.name(pod);
            firstPod.merge(reason, name, (a, b) -> a.compareTo(b) <= 0 ? a : b);
            count.merge(reason, 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        if (pods.size() < total) {
            out.add("new PodSecurity enforce level only checked against the first " + pods.size() + " of " + total
                    + " existing pods");
        }
        if (firstPod.isEmpty()) return out;
        out.add("existing pods in namespace \"" + namespace + "\" violate the new PodSecurity enforce level \""
                + enforce + "\"");
        List<String> perReason = new ArrayList<>();
        firstPod.forEach((reason, name) -> perReason.add(lead(name, count.get(reason)) + ": " + reason));
        perReason.sort(null);
        out.addAll(perReason);
        return out;
    }

    private static String lead(String name, int pods) {
        return switch (pods) {
            case 1 -> name;
            case 2 -> name + " (and 1 other pod)";
            default -> name + " (and " + (pods - 1) + " other pods)";
        };
    }

    /** Exempt runtime classes left out; one pod per controlling owner first, then the rest. */
    private static List<ObjectNode> prioritized(
            java.util.Collection<ObjectNode> pods, PodSecurityExemptions exemptions) {
        List<ObjectNode> first = new ArrayList<>();
        List<ObjectNode> siblings = new ArrayList<>();
        Set<String> controllers = new HashSet<>();
        for (ObjectNode pod : pods) {
            if (exemptions.runtimeClass(
                    pod.path("spec").path("runtimeClassName").asString(""))) continue;
            String owner = controller(pod);
            if (owner == null || controllers.add(owner)) first.add(pod);
            else siblings.add(pod);
        }
        first.addAll(siblings);
        return first;
    }

    private static String controller(ObjectNode pod) {
        for (JsonNode ref : pod.path("metadata").path("ownerReferences")) {
            if (ref.path("controller").asBoolean(false)) return ref.path("uid").asString("");
        }
        return null;
    }
}
