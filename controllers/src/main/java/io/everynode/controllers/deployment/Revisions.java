package io.everynode.controllers.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The annotations a Deployment keeps on its ReplicaSets (upstream deployment/util): the revision
 * ({@code kubectl rollout history|undo} read it), the revisions a ReplicaSet had before a rollback
 * brought it back, and the replica counts a proportional scale starts from. Pure; setters change
 * the given ReplicaSet and say whether anything changed.
 */
final class Revisions {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Deployment annotations never copied onto its ReplicaSets. */
    private static final Set<String> NOT_COPIED = Set.of(
            "kubectl.kubernetes.io/last-applied-configuration",
            REVISION,
            REVISION_HISTORY,
            DESIRED_REPLICAS,
            MAX_REPLICAS,
            "deprecated.deployment.rollback.to");

    private Revisions() {}

    /** The revision annotation as a number; 0 when absent or not a number. */
    static long of(ReplicaSet rs) {
        String v = annotations(rs).get(REVISION);
        try {
            return v == null ? 0 : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static long max(Collection<ReplicaSet> sets) {
        long max = 0;
        for (ReplicaSet rs : sets) max = Math.max(max, of(rs));
        return max;
    }

    /** An int annotation, empty when absent or malformed. */
    static java.util.OptionalInt intAnnotation(ReplicaSet rs, String name) {
        String v = annotations(rs).get(name);
        try {
            return v == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return java.util.OptionalInt.empty();
        }
    }

    /**
     * Upstream SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the revision
     * to {@code newRevision} (keeping the old one in the revision history), and for a ReplicaSet
     * about to be created sets the replica annotations.
     */
    static boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision, boolean exists) {
        boolean changed = copyAnnotations(d, rs);
        Map<String, String> a = rs.getMetadata().getAnnotations();
        String oldText = a.get(REVISION);
        long old;
        try {
            old = oldText == null ? 0 : Long.parseLong(oldText);
        } catch (NumberFormatException e) {
            return changed;
        }
        if (old < newRevision) {
            a.put(REVISION, Long.toString(newRevision));
            changed = true;
            if (oldText != null) {
                String history = a.get(REVISION_HISTORY);
                a.put(REVISION_HISTORY, history == null || history.isEmpty() ? oldText : history + "," + oldText);
            }
        }
        if (!exists) changed |= setReplicas(d, rs);
        return changed;
    }

    /** desired-replicas and max-replicas as the Deployment now says. */
    static boolean setReplicas(Deployment d, ReplicaSet rs) {
        Map<String, String> a = annotationsOf(rs);
        String desired = Integer.toString(DeploymentSpecs.replicas(d));
        String max = Integer.toString(DeploymentSpecs.replicas(d) + DeploymentSpecs.maxSurge(d));
        boolean changed = !desired.equals(a.get(DESIRED_REPLICAS)) || !max.equals(a.get(MAX_REPLICAS));
        a.put(DESIRED_REPLICAS, desired);
        a.put(MAX_REPLICAS, max);
        return changed;
    }

    private static boolean copyAnnotations(Deployment d, ReplicaSet rs) {
        Map<String, String> a = annotationsOf(rs);
        boolean changed = false;
        Map<String, String> from = d.getMetadata().getAnnotations();
        if (from == null) return false;
        for (Map.Entry<String, String> e : from.entrySet()) {
            if (NOT_COPIED.contains(e.getKey()) || Objects.equals(a.get(e.getKey()), e.getValue())) continue;
            a.put(e.getKey(), e.getValue());
            changed = true;
        }
        return changed;
    }

    private static Map<String, String> annotations(ReplicaSet rs) {
        Map<String, String> a = rs.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    private static Map<String, String> annotationsOf(ReplicaSet rs) {
        if (rs.getMetadata().getAnnotations() == null) rs.getMetadata().setAnnotations(new HashMap<>());
        return rs.getMetadata().getAnnotations();
    }
}
