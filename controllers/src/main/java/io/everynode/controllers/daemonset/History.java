package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Carries out R4.3 (construct history, including the collision handling of R4.4) and R4.6
 * (cleanup) through {@link DaemonSetActions}. Decisions come from {@link HistoryPlan}.
 */
final class History {
    /** The current revision, its hash (R4.3 step 8) and the old revisions. */
    record Result(ControllerRevision current, String hash, List<ControllerRevision> old) {}

    private final DaemonSetActions actions;

    History(DaemonSetActions actions) {
        this.actions = actions;
    }

    /**
     * @param revisions every revision of the DaemonSet's namespace (from the cache)
     * @param pods the DaemonSet's claimed pods (relabelled when duplicates are removed)
     * @throws ActionException when a write fails or a hash collision was found (R4.4: the sync is
     *     retried with the incremented collisionCount)
     */
    Result construct(DaemonSet ds, List<ControllerRevision> revisions, List<Pod> pods) {
        String ns = ds.getMetadata().getNamespace();
        List<ControllerRevision> owned = Claims.execute(
                ds, Claims.plan(ds, revisions), actions, actions::adoptRevision, actions::releaseRevision);
        // R4.3 step 2: revisions without the hash label get their name as its value.
        List<ControllerRevision> labelled = new ArrayList<>();
        for (ControllerRevision r : owned) {
            if (HistoryPlan.hashOf(r) == null) {
                ControllerRevision copy = copy(r);
                Map<String, String> labels = new LinkedHashMap<>(
                        copy.getMetadata().getLabels() == null
                                ? Map.of()
                                : copy.getMetadata().getLabels());
                labels.put(PodFacts.HASH_LABEL, r.getMetadata().getName());
                copy.getMetadata().setLabels(labels);
                r = actions.updateRevision(ns, copy);
            }
            labelled.add(r);
        }
        HistoryPlan plan = HistoryPlan.of(ds, labelled);
        ControllerRevision current;
        if (plan.create() != null) {
            current = create(ds, plan.create());
        } else {
            current = plan.keep();
            String keepHash = HistoryPlan.hashOf(current);
            if (!plan.duplicates().isEmpty()) {
                for (Pod p : pods) {
                    if (!Objects.equals(PodFacts.label(p, PodFacts.HASH_LABEL), keepHash)) {
                        actions.patchPodLabels(ns, p.getMetadata().getName(), Map.of(PodFacts.HASH_LABEL, keepHash));
                    }
                }
                for (ControllerRevision dup : plan.duplicates()) {
                    deleteIgnoringNotFound(ns, dup.getMetadata().getName());
                }
            }
            if (plan.renumberTo() > 0) {
                ControllerRevision copy = copy(current);
                copy.setRevision(plan.renumberTo());
                current = actions.updateRevision(ns, copy);
            }
        }
        return new Result(current, HistoryPlan.hashOf(current), plan.old());
    }

    /** R4.6, given every claimed pod including deleted terminal ones. */
    /** False when {@link #cleanup} would delete nothing whatever the pods: no more old revisions than the limit. */
    static boolean mayClean(DaemonSet ds, List<ControllerRevision> old) {
        Integer limit = ds.getSpec().getRevisionHistoryLimit();
        return old.size() > (limit == null ? 10 : limit);
    }

    void cleanup(DaemonSet ds, List<ControllerRevision> old, List<Pod> allPods) {
        Integer limit = ds.getSpec().getRevisionHistoryLimit();
        Set<String> live = new HashSet<>();
        for (Pod p : allPods) {
            String h = PodFacts.label(p, PodFacts.HASH_LABEL);
            if (h != null) {
                live.add(h);
            }
        }
        for (ControllerRevision r : HistoryPlan.cleanup(old, limit == null ? 10 : limit, live)) {
            deleteIgnoringNotFound(
                    ds.getMetadata().getNamespace(), r.getMetadata().getName());
        }
    }

    /** R4.4: create, and on AlreadyExists decide between "same data, use it" and a collision. */
    private ControllerRevision create(DaemonSet ds, ControllerRevision wanted) {
        String ns = ds.getMetadata().getNamespace();
        try {
            return actions.createRevision(ns, wanted);
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.ALREADY_EXISTS)) {
                throw e;
            }
            var existing = actions.getRevision(ns, wanted.getMetadata().getName());
            if (existing.isPresent()
                    && java.util.Arrays.equals(
                            RevisionData.canonicalOf(existing.get().getData()),
                            RevisionData.canonicalOf(wanted.getData()))) {
                return existing.get();
            }
            DaemonSet fresh = actions.getDaemonSet(ns, ds.getMetadata().getName())
                    .orElseThrow(() -> new ActionException(
                            ActionException.Kind.NOT_FOUND,
                            "DaemonSet " + ns + "/" + ds.getMetadata().getName() + " is gone"));
            Integer used = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
            Integer now = fresh.getStatus() == null ? null : fresh.getStatus().getCollisionCount();
            if (!Objects.equals(used, now)) {
                throw new ActionException(
                        ActionException.Kind.CONFLICT,
                        "found a stale collision count (" + used + ", expected " + now + ") of DaemonSet " + ns + "/"
                                + ds.getMetadata().getName() + " while processing; will retry until it is updated");
            }
            DaemonSet bump = io.everynode.api.json.Json.MAPPER.convertValue(fresh, DaemonSet.class);
            if (bump.getStatus() == null) {
                bump.setStatus(new DaemonSetStatus());
            }
            bump.getStatus().setCollisionCount(now == null ? 1 : now + 1);
            actions.updateStatus(bump);
            throw e;
        }
    }

    private void deleteIgnoringNotFound(String ns, String name) {
        try {
            actions.deleteRevision(ns, name);
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.NOT_FOUND)) {
                throw e;
            }
        }
    }

    private static ControllerRevision copy(ControllerRevision r) {
        return io.everynode.api.json.Json.MAPPER.convertValue(r, ControllerRevision.class);
    }
}
