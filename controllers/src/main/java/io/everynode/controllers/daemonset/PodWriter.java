package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * R2.9 (upstream syncNodes): issues a plan's creates and deletes, at most {@code burst} of each
 * per sync, recording expectations first. Creates go in slow-start batches 1, 2, 4, …; when a
 * batch has a failure the rest are skipped and their expectations given back, so a quota or
 * admission error costs one call per batch rather than one per node. Calls within a batch are
 * issued one after another (upstream fires them concurrently; the outcome is the same).
 */
final class PodWriter {
    private final DaemonSetActions actions;
    private final Expectations expectations;
    private final int burst;

    PodWriter(DaemonSetActions actions, Expectations expectations, int burst) {
        this.actions = actions;
        this.expectations = expectations;
        this.burst = burst;
    }

    /** Returns the errors met (NotFound deletes and namespace-termination creates excluded). */
    List<ActionException> write(String key, DaemonSet ds, List<String> nodesNeedingPods, List<SyncPlan.PodDelete> deletes,
            Pod base) {
        String ns = ds.getMetadata().getNamespace();
        int createDiff = Math.min(nodesNeedingPods.size(), burst);
        int deleteDiff = Math.min(deletes.size(), burst);
        expectations.expect(key, createDiff, deleteDiff);
        List<ActionException> errors = new ArrayList<>();

        int pos = 0;
        int batch = Math.min(createDiff, 1);
        while (pos < createDiff) {
            int failures = 0;
            for (int i = pos; i < pos + batch; i++) {
                String node = nodesNeedingPods.get(i);
                try {
                    Pod created = actions.createPod(ns, PodTemplates.forNode(base, node));
                    actions.recordEvent(ds, "Normal", "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
                } catch (ActionException e) {
                    expectations.creationObserved(key);
                    if (e.is(ActionException.Kind.NAMESPACE_TERMINATING)) {
                        continue;
                    }
                    actions.recordEvent(ds, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
                    errors.add(e);
                    failures++;
                }
            }
            int skipped = createDiff - (pos + batch);
            if (failures > 0 && skipped > 0) {
                expectations.lower(key, skipped, 0);
                break;
            }
            pos += batch;
            batch = Math.min(2 * batch, createDiff - pos);
        }

        for (SyncPlan.PodDelete d : deletes.subList(0, deleteDiff)) {
            try {
                actions.deletePod(ns, d.name());
                actions.recordEvent(ds, "Normal", "SuccessfulDelete", "Deleted pod: " + d.name());
            } catch (ActionException e) {
                expectations.deletionObserved(key);
                if (!e.is(ActionException.Kind.NOT_FOUND)) {
                    actions.recordEvent(ds, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
                    errors.add(e);
                }
            }
        }
        return errors;
    }
}
