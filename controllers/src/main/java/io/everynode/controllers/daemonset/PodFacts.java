package io.everynode.controllers.daemonset;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/** Questions the controller asks about one pod. Pure; pods are never mutated. */
final class PodFacts {
    static final String HASH_LABEL = "controller-revision-hash";
    static final String TEMPLATE_GENERATION_LABEL = "pod-template-generation";
    static final String TEMPLATE_GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

    /**
     * R2.5 order ("oldest, scheduled first"): pods bound to a node first, then older
     * creationTimestamp, then name.
     */
    static final Comparator<Pod> OLDEST_SCHEDULED_FIRST = Comparator.comparing(
                    (Pod p) -> nodeName(p).isEmpty())
            .thenComparing(PodFacts::created)
            .thenComparing(p ->
                    p.getMetadata().getName() == null ? "" : p.getMetadata().getName());

    private PodFacts() {}

    static String nodeName(Pod p) {
        return p.getSpec() == null || p.getSpec().getNodeName() == null
                ? ""
                : p.getSpec().getNodeName();
    }

    /** {@link Pods#isTerminal}; kept by this name for the planners that call it. */
    static boolean terminal(Pod p) {
        return Pods.isTerminal(p);
    }

    /** {@link Pods#isReady}; kept by this name for the planners that call it. */
    static boolean ready(Pod p) {
        return Pods.isReady(p);
    }

    static boolean terminating(Pod p) {
        return p.getMetadata().getDeletionTimestamp() != null;
    }

    static Instant created(Pod p) {
        return instant(p.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
    }

    static String label(Pod p, String key) {
        Map<String, String> labels = p.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

    /**
     * R2.3: the node a daemon pod is meant for: spec.nodeName, else the single value of a
     * required-affinity matchFields {@code metadata.name In [x]} requirement; empty when neither.
     */
    static String targetNode(Pod p) {
        String bound = nodeName(p);
        if (!bound.isEmpty()) {
            return bound;
        }
        if (p.getSpec() == null
                || p.getSpec().getAffinity() == null
                || p.getSpec().getAffinity().getNodeAffinity() == null
                || p.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                        == null) {
            return "";
        }
        var terms = p.getSpec()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms();
        if (terms == null) {
            return "";
        }
        for (NodeSelectorTerm term : terms) {
            if (term.getMatchFields() == null) {
                continue;
            }
            for (NodeSelectorRequirement r : term.getMatchFields()) {
                if ("metadata.name".equals(r.getKey())
                        && "In".equals(r.getOperator())
                        && r.getValues() != null
                        && r.getValues().size() == 1) {
                    return r.getValues().get(0);
                }
            }
        }
        return "";
    }

    /**
     * R3.3: Ready, and either minReadySeconds is 0 or the Ready transition plus minReadySeconds
     * lies strictly before now.
     */
    static boolean available(Pod p, int minReadySeconds, Instant now) {
        Optional<PodCondition> c = Pods.readyCondition(p);
        if (c.isEmpty() || !"True".equals(c.get().getStatus())) {
            return false;
        }
        if (inPlaceUpdating(p)) {
            return false; // E6.3: counted unavailable from the first write, before its Ready follows
        }
        if (minReadySeconds == 0) {
            return true;
        }
        return availableAfter(p, minReadySeconds).map(t -> t.isBefore(now)).orElse(false);
    }

    /**
     * R3.3: the instant a Ready pod's availability hinges on (Ready transition plus
     * minReadySeconds; the pod is Available strictly after it); empty when the pod is not Ready
     * or its Ready condition carries no time.
     */
    /** E6.3: an in-place update is under way (the pod's InPlaceUpdateReady condition is not True). */
    static boolean inPlaceUpdating(Pod p) {
        return p.getStatus() != null
                && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(x -> PodChanges.IN_PLACE_READY.equals(x.getType()) && !"True".equals(x.getStatus()));
    }

    static Optional<Instant> availableAfter(Pod p, int minReadySeconds) {
        Optional<PodCondition> c = Pods.readyCondition(p);
        if (c.isEmpty() || !"True".equals(c.get().getStatus())) {
            return Optional.empty();
        }
        return instant(c.get().getLastTransitionTime()).map(t -> t.plusSeconds(minReadySeconds));
    }

    /** R3.4: carries the current hash, or the DaemonSet's template generation. */
    static boolean updated(Pod p, String hash, String templateGeneration) {
        if (hash != null && hash.equals(label(p, HASH_LABEL))) {
            return true;
        }
        return templateGeneration != null && templateGeneration.equals(label(p, TEMPLATE_GENERATION_LABEL));
    }

    /** The DaemonSet's template generation annotation when it parses as an integer, else null. */
    static String templateGeneration(DaemonSet ds) {
        Map<String, String> ann = ds.getMetadata().getAnnotations();
        String v = ann == null ? null : ann.get(TEMPLATE_GENERATION_ANNOTATION);
        if (v == null) {
            return null;
        }
        try {
            return Long.toString(Long.parseLong(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Optional<OwnerReference> controllerOf(io.fabric8.kubernetes.api.model.HasMetadata obj) {
        if (obj.getMetadata().getOwnerReferences() == null) {
            return Optional.empty();
        }
        return obj.getMetadata().getOwnerReferences().stream()
                .filter(r -> Boolean.TRUE.equals(r.getController()))
                .findFirst();
    }

    /**
     * E7.3: whether a controller reference points at {@code ds}: same uid, kind DaemonSet, and the
     * same API group ({@code apps}, where {@code extensions} counts as {@code apps}, or
     * {@code apps.kruise.io}), so the apps/v1 controller and the Advanced DaemonSet's never take
     * each other's pods or revisions.
     */
    static boolean refersTo(OwnerReference ref, DaemonSet ds) {
        return "DaemonSet".equals(ref.getKind())
                && java.util.Objects.equals(ref.getUid(), ds.getMetadata().getUid())
                && group(ref.getApiVersion()).equals(group(ds.getApiVersion()));
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) return "apps";
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return group.equals("extensions") ? "apps" : group;
    }

    static Optional<Instant> instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(rfc3339));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
