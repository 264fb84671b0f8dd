package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * R4.3 steps 3–7 decided over the owned revisions: which one is current (or the one to create),
 * which duplicates go, which are old, and whether the current one must be renumbered. Pure.
 *
 * @param keep the current revision to keep, or null when {@code create} must be made
 * @param create the revision to create (only when no current exists), else null
 * @param duplicates other revisions whose data also matches (R4.3 step 6), to delete
 * @param old revisions whose data differs
 * @param renumberTo the revision number {@code keep} must get, or 0 when it is already highest
 */
record HistoryPlan(
        ControllerRevision keep,
        ControllerRevision create,
        List<ControllerRevision> duplicates,
        List<ControllerRevision> old,
        long renumberTo) {

    static HistoryPlan of(DaemonSet ds, List<ControllerRevision> owned) {
        List<ControllerRevision> current = new ArrayList<>();
        List<ControllerRevision> old = new ArrayList<>();
        byte[] patch = RevisionData.patchFor(ds);
        for (ControllerRevision r : owned) {
            (java.util.Arrays.equals(RevisionData.canonicalOf(r.getData()), patch) ? current : old).add(r);
        }
        long next = old.stream().mapToLong(HistoryPlan::number).max().orElse(0) + 1;
        if (current.isEmpty()) {
            return new HistoryPlan(null, newRevision(ds, patch, next), List.of(), old, 0);
        }
        // Highest revision wins; on ties the last one seen (R4.3 step 6).
        ControllerRevision keep = null;
        for (ControllerRevision r : current) {
            if (keep == null || number(r) >= number(keep)) {
                keep = r;
            }
        }
        List<ControllerRevision> dups = new ArrayList<>(current);
        dups.remove(keep);
        return new HistoryPlan(keep, null, dups, old, number(keep) < next ? next : 0);
    }

    /** R4.2: name {@code <ds>-<hash>}, template labels + hash label, the DaemonSet's annotations, controller ref. */
    static ControllerRevision newRevision(DaemonSet ds, byte[] patch, long revision) {
        Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
        String hash = RevisionData.hash(ds.getSpec().getTemplate(), collisions);
        Map<String, String> labels = new LinkedHashMap<>();
        var tmeta = ds.getSpec().getTemplate() == null
                ? null
                : ds.getSpec().getTemplate().getMetadata();
        if (tmeta != null && tmeta.getLabels() != null) {
            labels.putAll(tmeta.getLabels());
        }
        labels.put(PodFacts.HASH_LABEL, hash);
        ObjectMeta meta = new ObjectMeta();
        meta.setName(ds.getMetadata().getName() + "-" + hash);
        meta.setNamespace(ds.getMetadata().getNamespace());
        meta.setLabels(labels);
        if (ds.getMetadata().getAnnotations() != null) {
            meta.setAnnotations(new LinkedHashMap<>(ds.getMetadata().getAnnotations()));
        }
        meta.setOwnerReferences(List.of(PodTemplates.controllerRef(ds)));
        ControllerRevision r = new ControllerRevision();
        r.setApiVersion("apps/v1");
        r.setKind("ControllerRevision");
        r.setMetadata(meta);
        r.setData(RevisionData.asData(patch));
        r.setRevision(revision);
        return r;
    }

    static long number(ControllerRevision r) {
        return r.getRevision() == null ? 0 : r.getRevision();
    }

    static String hashOf(ControllerRevision r) {
        Map<String, String> labels = r.getMetadata().getLabels();
        return labels == null ? null : labels.get(PodFacts.HASH_LABEL);
    }

    /** R4.6: old revisions to delete, lowest first, sparing those still named by a live pod. */
    static List<ControllerRevision> cleanup(List<ControllerRevision> old, int limit, java.util.Set<String> liveHashes) {
        int toKill = old.size() - limit;
        List<ControllerRevision> out = new ArrayList<>();
        if (toKill <= 0) {
            return out;
        }
        List<ControllerRevision> sorted = new ArrayList<>(old);
        sorted.sort(Comparator.comparingLong(HistoryPlan::number));
        for (ControllerRevision r : sorted) {
            if (out.size() >= toKill) {
                break;
            }
            if (!liveHashes.contains(hashOf(r))) {
                out.add(r);
            }
        }
        return out;
    }
}
