package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * Informer event handlers as pure functions (R1.10, R2.11): given the event and the cached
 * DaemonSets, which keys to enqueue and which expectations to observe. No state, no I/O.
 */
final class DaemonSetEvents {
    private DaemonSetEvents() {}

    static String key(HasMetadata obj) {
        return obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName();
    }

    // ---- nodes (R1.10) ----

    static Reaction nodeAdded(Node node, List<DaemonSet> all) {
        Reaction.Builder r = new Reaction.Builder();
        for (DaemonSet ds : all) {
            if (NodeShouldRunDaemonPod.evaluate(node, ds).shouldRun()) {
                r.enqueue(key(ds));
            }
        }
        return r.build();
    }

    static Reaction nodeUpdated(Node old, Node cur, List<DaemonSet> all) {
        Reaction.Builder r = new Reaction.Builder();
        if (onlyHeartbeatChanged(old, cur)) {
            return r.build();
        }
        for (DaemonSet ds : all) {
            var a = NodeShouldRunDaemonPod.evaluate(old, ds);
            var b = NodeShouldRunDaemonPod.evaluate(cur, ds);
            if (a.shouldRun() != b.shouldRun() || a.shouldContinueRunning() != b.shouldContinueRunning()) {
                r.enqueue(key(ds));
            }
        }
        return r.build();
    }

    /**
     * Upstream shouldIgnoreNodeUpdate: the same set of True conditions, and otherwise equal once
     * resourceVersion and the conditions (heartbeat times) are ignored.
     */
    static boolean onlyHeartbeatChanged(Node old, Node cur) {
        if (!trueConditions(old).equals(trueConditions(cur))) {
            return false;
        }
        return stripped(old).equals(stripped(cur));
    }

    private static Set<String> trueConditions(Node n) {
        Set<String> out = new HashSet<>();
        if (n.getStatus() != null && n.getStatus().getConditions() != null) {
            for (NodeCondition c : n.getStatus().getConditions()) {
                if ("True".equals(c.getStatus())) {
                    out.add(c.getType());
                }
            }
        }
        return out;
    }

    private static ObjectNode stripped(Node n) {
        ObjectNode tree = Json.tree(n);
        if (tree.get("metadata") instanceof ObjectNode m) {
            m.remove("resourceVersion");
        }
        if (tree.get("status") instanceof ObjectNode s) {
            s.remove("conditions");
        }
        return tree;
    }

    // ---- pods (R2.11) ----

    static Reaction podAdded(Pod pod, List<DaemonSet> all) {
        if (PodFacts.terminating(pod)) {
            // A pod that arrives already terminating (e.g. after a restart) counts as a deletion.
            return podDeleted(pod, all);
        }
        Reaction.Builder r = new Reaction.Builder();
        Optional<OwnerReference> ref = PodFacts.controllerOf(pod);
        if (ref.isPresent()) {
            resolve(pod.getMetadata().getNamespace(), ref.get(), all)
                    .ifPresent(ds -> r.observe(Reaction.Observation.Kind.CREATION_OBSERVED, key(ds))
                            .enqueue(key(ds)));
            return r.build();
        }
        // Orphan: wake every DaemonSet that might adopt it.
        for (DaemonSet ds : selecting(pod, all)) {
            r.enqueue(key(ds));
        }
        return r.build();
    }

    static Reaction podUpdated(Pod old, Pod cur, List<DaemonSet> all) {
        if (Objects.equals(
                old.getMetadata().getResourceVersion(), cur.getMetadata().getResourceVersion())) {
            return Reaction.none(); // periodic resync: nothing changed
        }
        if (PodFacts.terminating(cur)) {
            return podDeleted(cur, all);
        }
        Reaction.Builder r = new Reaction.Builder();
        Optional<OwnerReference> curRef = PodFacts.controllerOf(cur);
        Optional<OwnerReference> oldRef = PodFacts.controllerOf(old);
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef.isPresent()) {
            resolve(old.getMetadata().getNamespace(), oldRef.get(), all).ifPresent(ds -> r.enqueue(key(ds)));
        }
        if (curRef.isPresent()) {
            Optional<DaemonSet> ds = resolve(cur.getMetadata().getNamespace(), curRef.get(), all);
            if (ds.isEmpty()) {
                return r.build();
            }
            r.enqueue(key(ds.get()));
            int minReady = ManagePlanner.minReadySeconds(ds.get());
            if (!PodFacts.ready(old) && PodFacts.ready(cur) && minReady > 0) {
                r.enqueueAfter(key(ds.get()), Duration.ofSeconds(minReady + 1L));
            }
            return r.build();
        }
        boolean labelsChanged = !Objects.equals(labels(old), labels(cur));
        if (labelsChanged || refChanged) {
            for (DaemonSet ds : selecting(cur, all)) {
                r.enqueue(key(ds));
            }
        }
        return r.build();
    }

    /** Orphans and pods of other controllers never wake a DaemonSet (TestDeletePodOrphan, TestDeleteNoDaemonPod). */
    static Reaction podDeleted(Pod pod, List<DaemonSet> all) {
        Reaction.Builder r = new Reaction.Builder();
        PodFacts.controllerOf(pod)
                .flatMap(ref -> resolve(pod.getMetadata().getNamespace(), ref, all))
                .ifPresent(ds -> r.observe(Reaction.Observation.Kind.DELETION_OBSERVED, key(ds))
                        .enqueue(key(ds)));
        return r.build();
    }

    // ---- DaemonSets (R2.11) ----

    static Reaction daemonSetAdded(DaemonSet ds) {
        return new Reaction.Builder().enqueue(key(ds)).build();
    }

    /** A changed UID means the old object was deleted and a new one created under the same name. */
    static Reaction daemonSetUpdated(DaemonSet old, DaemonSet cur) {
        Reaction.Builder r = new Reaction.Builder();
        if (!Objects.equals(old.getMetadata().getUid(), cur.getMetadata().getUid())) {
            r.observe(Reaction.Observation.Kind.FORGET, key(old)).enqueue(key(old));
        }
        return r.enqueue(key(cur)).build();
    }

    /** Deletes (tombstones included) forget the expectations so a re-created namesake starts clean. */
    static Reaction daemonSetDeleted(DaemonSet ds) {
        return new Reaction.Builder()
                .observe(Reaction.Observation.Kind.FORGET, key(ds))
                .enqueue(key(ds))
                .build();
    }

    // ---- ControllerRevisions (R2.11) ----

    static Reaction revisionAdded(ControllerRevision rev, List<DaemonSet> all) {
        if (rev.getMetadata().getDeletionTimestamp() != null) {
            return revisionDeleted(rev, all);
        }
        Reaction.Builder r = new Reaction.Builder();
        Optional<OwnerReference> ref = PodFacts.controllerOf(rev);
        if (ref.isPresent()) {
            resolve(rev.getMetadata().getNamespace(), ref.get(), all).ifPresent(ds -> r.enqueue(key(ds)));
        } else {
            selecting(rev, all).forEach(ds -> r.enqueue(key(ds)));
        }
        return r.build();
    }

    static Reaction revisionUpdated(ControllerRevision old, ControllerRevision cur, List<DaemonSet> all) {
        if (Objects.equals(
                old.getMetadata().getResourceVersion(), cur.getMetadata().getResourceVersion())) {
            return Reaction.none();
        }
        Reaction.Builder r = new Reaction.Builder();
        Optional<OwnerReference> curRef = PodFacts.controllerOf(cur);
        Optional<OwnerReference> oldRef = PodFacts.controllerOf(old);
        boolean refChanged = !Objects.equals(curRef, oldRef);
        if (refChanged && oldRef.isPresent()) {
            resolve(old.getMetadata().getNamespace(), oldRef.get(), all).ifPresent(ds -> r.enqueue(key(ds)));
        }
        if (curRef.isPresent()) {
            resolve(cur.getMetadata().getNamespace(), curRef.get(), all).ifPresent(ds -> r.enqueue(key(ds)));
        } else if (refChanged || !Objects.equals(labels(old), labels(cur))) {
            selecting(cur, all).forEach(ds -> r.enqueue(key(ds)));
        }
        return r.build();
    }

    static Reaction revisionDeleted(ControllerRevision rev, List<DaemonSet> all) {
        Reaction.Builder r = new Reaction.Builder();
        PodFacts.controllerOf(rev)
                .flatMap(ref -> resolve(rev.getMetadata().getNamespace(), ref, all))
                .ifPresent(ds -> r.enqueue(key(ds)));
        return r.build();
    }

    // ---- helpers ----

    /** The cached DaemonSet a controller reference points at, when kind, group and UID agree. */
    static Optional<DaemonSet> resolve(String namespace, OwnerReference ref, List<DaemonSet> all) {
        if (!"DaemonSet".equals(ref.getKind())) {
            return Optional.empty();
        }
        return all.stream()
                .filter(ds -> Objects.equals(namespace, ds.getMetadata().getNamespace())
                        && Objects.equals(ref.getName(), ds.getMetadata().getName())
                        && PodFacts.refersTo(ref, ds)) // E7.3: uid, and the owner's group
                .findFirst();
    }

    /** DaemonSets of the object's namespace whose (non-empty, valid) selector matches its labels. */
    static List<DaemonSet> selecting(HasMetadata obj, List<DaemonSet> all) {
        Map<String, String> labels = labels(obj);
        return all.stream()
                .filter(ds -> Objects.equals(
                        obj.getMetadata().getNamespace(), ds.getMetadata().getNamespace()))
                .filter(ds -> {
                    LabelSelector sel = ds.getSpec().getSelector();
                    if (sel == null || emptySelector(sel)) {
                        return false;
                    }
                    try {
                        return Selector.from(sel).matches(labels);
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                })
                .toList();
    }

    static boolean emptySelector(LabelSelector sel) {
        return (sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                && (sel.getMatchExpressions() == null
                        || sel.getMatchExpressions().isEmpty());
    }

    private static Map<String, String> labels(HasMetadata obj) {
        return obj.getMetadata().getLabels() == null
                ? Map.of()
                : obj.getMetadata().getLabels();
    }
}
