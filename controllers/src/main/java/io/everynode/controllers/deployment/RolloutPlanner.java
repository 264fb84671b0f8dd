package io.everynode.controllers.deployment;

import io.everynode.api.Pods;
import io.everynode.api.json.Json;
import io.everynode.controllers.daemonset.RevisionData;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decides one sync of a Deployment (upstream syncDeployment): the new ReplicaSet found or made,
 * its revision, and the scaling of the RollingUpdate or Recreate strategy, of a paused Deployment
 * or of a replicas change in mid-rollout (proportional scaling), then the history cleanup. Works
 * on copies of the owned ReplicaSets and returns a {@link RolloutPlan}. Pure; one instance per sync.
 */
final class RolloutPlanner {
    static final String HASH_LABEL = "pod-template-hash";

    private final Deployment d;
    private final Instant now;
    /** Working copies, oldest first; what the plan's writes will make of them. */
    private final List<ReplicaSet> sets = new ArrayList<>();

    private final RolloutPlan plan = new RolloutPlan();

    private RolloutPlanner(Deployment d, List<ReplicaSet> owned, Instant now) {
        this.d = d;
        this.now = now;
        for (ReplicaSet rs : owned) sets.add(Json.MAPPER.convertValue(rs, ReplicaSet.class));
        sets.sort(Comparator.comparing(RolloutPlanner::created)
                .thenComparing(rs -> rs.getMetadata().getName()));
    }

    /** The plan for {@code d} over the ReplicaSets it owns and the pods of its namespace. */
    static RolloutPlan plan(Deployment d, List<ReplicaSet> owned, List<Pod> pods, Instant now) {
        return new RolloutPlanner(d, owned, now).run(pods);
    }

    private RolloutPlan run(List<Pod> pods) {
        ReplicaSet newRs = findNew();
        long newRevision = Revisions.max(old(newRs)) + 1;
        if (newRs != null) syncExisting(newRs, newRevision);
        if (DeploymentSpecs.paused(d)) {
            scale(newRs);
            cleanup(newRs);
        } else if (scalingEvent()) {
            scale(newRs);
        } else if (DeploymentSpecs.rolling(d)) {
            plan.rollout = true;
            newRs = rolling(newRs, newRevision);
        } else {
            plan.rollout = true;
            newRs = recreate(newRs, newRevision, pods);
        }
        plan.newRs = newRs;
        plan.all = List.copyOf(sets);
        return plan;
    }

    // ---- the new ReplicaSet and its revision ----

    /** The oldest ReplicaSet whose template is the Deployment's, the hash label aside (upstream FindNewReplicaSet). */
    private ReplicaSet findNew() {
        for (ReplicaSet rs : sets)
            if (sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) return rs;
        return null;
    }

    /**
     * Templates equal when the ReplicaSet's pod-template-hash label is left out (upstream
     * EqualIgnoreHash). Compared as Go compares typed structs: an empty object, empty list or null
     * is the same as an absent field ({@code kubectl rollout undo} writes {@code resources: {}}).
     */
    static boolean sameTemplate(PodTemplateSpec rsTemplate, PodTemplateSpec template) {
        ObjectNode a = Json.tree(rsTemplate == null ? new PodTemplateSpec() : rsTemplate);
        ObjectNode b = Json.tree(template == null ? new PodTemplateSpec() : template);
        for (ObjectNode t : List.of(a, b)) {
            if (t.get("metadata") instanceof ObjectNode m && m.get("labels") instanceof ObjectNode labels)
                labels.remove(HASH_LABEL);
        }
        return pruned(a).equals(pruned(b));
    }

    /** The tree without nulls, empty objects and empty lists, at any depth. */
    private static JsonNode pruned(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            ObjectNode out = Json.object();
            for (String name : obj.propertyNames()) {
                JsonNode v = pruned(obj.get(name));
                if (!v.isNull() && !(v.isContainer() && v.isEmpty())) out.set(name, v);
            }
            return out;
        }
        if (node instanceof ArrayNode arr) {
            ArrayNode out = Json.MAPPER.createArrayNode();
            for (JsonNode e : arr) out.add(pruned(e));
            return out;
        }
        return node;
    }

    private List<ReplicaSet> old(ReplicaSet newRs) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : sets) if (rs != newRs) out.add(rs);
        return out;
    }

    /** An existing new ReplicaSet gets the next revision and the Deployment's annotations; the Deployment its revision. */
    private void syncExisting(ReplicaSet rs, long newRevision) {
        boolean changed = Revisions.setNewReplicaSetAnnotations(d, rs, newRevision, true);
        if (!Objects.equals(rs.getSpec().getMinReadySeconds(), d.getSpec().getMinReadySeconds())) {
            rs.getSpec().setMinReadySeconds(d.getSpec().getMinReadySeconds());
            changed = true;
        }
        if (changed) plan.writes.add(new RolloutPlan.Write(RolloutPlan.Kind.UPDATE, rs, replicas(rs), replicas(rs)));
        setDeploymentRevision(rs);
        if (DeploymentSpecs.progressDeadline(d).isPresent() && DeploymentStatuses.progressing(d) == null) {
            plan.progressing = DeploymentStatuses.condition(
                    "Progressing",
                    "True",
                    DeploymentStatuses.FOUND_NEW_RS,
                    "Found new replica set \"" + rs.getMetadata().getName() + "\"",
                    now);
        }
    }

    private void setDeploymentRevision(ReplicaSet rs) {
        String revision = rs.getMetadata().getAnnotations().get(Revisions.REVISION);
        Map<String, String> a = d.getMetadata().getAnnotations();
        if (revision != null && (a == null || !revision.equals(a.get(Revisions.REVISION))))
            plan.deploymentRevision = revision;
    }

    /** A new ReplicaSet {@code <deployment>-<hash>} of the template, sized as the strategy allows. */
    private ReplicaSet createNew(long newRevision) {
        PodTemplateSpec template = Json.MAPPER.convertValue(d.getSpec().getTemplate(), PodTemplateSpec.class);
        Integer collisions = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        String hash = RevisionData.hash(d.getSpec().getTemplate(), collisions);
        if (template.getMetadata() == null) template.setMetadata(new ObjectMeta());
        Map<String, String> labels = new LinkedHashMap<>();
        if (template.getMetadata().getLabels() != null)
            labels.putAll(template.getMetadata().getLabels());
        labels.put(HASH_LABEL, hash);
        template.getMetadata().setLabels(labels);
        LabelSelector selector = Json.MAPPER.convertValue(d.getSpec().getSelector(), LabelSelector.class);
        Map<String, String> matchLabels = new LinkedHashMap<>();
        if (selector.getMatchLabels() != null) matchLabels.putAll(selector.getMatchLabels());
        matchLabels.put(HASH_LABEL, hash);
        selector.setMatchLabels(matchLabels);

        ReplicaSet rs = new ReplicaSet();
        rs.setApiVersion("apps/v1");
        rs.setKind("ReplicaSet");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(d.getMetadata().getName() + "-" + hash);
        meta.setNamespace(d.getMetadata().getNamespace());
        meta.setLabels(new LinkedHashMap<>(labels));
        meta.setOwnerReferences(List.of(OwnerClaims.controllerRef(d, "apps/v1", "Deployment")));
        rs.setMetadata(meta);
        ReplicaSetSpec spec = new ReplicaSetSpec();
        spec.setReplicas(0);
        spec.setMinReadySeconds(d.getSpec().getMinReadySeconds());
        spec.setSelector(selector);
        spec.setTemplate(template);
        rs.setSpec(spec);
        rs.setStatus(new ReplicaSetStatus());
        sets.add(rs);
        spec.setReplicas(newReplicas(rs));
        Revisions.setNewReplicaSetAnnotations(d, rs, newRevision, false);
        plan.writes.add(new RolloutPlan.Write(RolloutPlan.Kind.CREATE, rs, 0, replicas(rs)));
        plan.deploymentRevision = Long.toString(newRevision);
        if (DeploymentSpecs.progressDeadline(d).isPresent()) {
            plan.progressing = DeploymentStatuses.condition(
                    "Progressing",
                    "True",
                    DeploymentStatuses.NEW_RS_CREATED,
                    "Created new replica set \"" + meta.getName() + "\"",
                    now);
        }
        return rs;
    }

    /** Upstream NewRSNewReplicas: Recreate takes all replicas; RollingUpdate grows within maxSurge. */
    private int newReplicas(ReplicaSet newRs) {
        int want = DeploymentSpecs.replicas(d);
        if (!DeploymentSpecs.rolling(d)) return want;
        int maxTotal = want + DeploymentSpecs.maxSurge(d);
        int current = sum(sets);
        if (current >= maxTotal) return replicas(newRs);
        return replicas(newRs) + Math.min(maxTotal - current, want - replicas(newRs));
    }

    // ---- RollingUpdate ----

    private ReplicaSet rolling(ReplicaSet newRs, long newRevision) {
        if (newRs == null) newRs = createNew(newRevision);
        if (reconcileNew(newRs)) return newRs;
        if (reconcileOld(newRs)) return newRs;
        if (DeploymentStatuses.complete(d, DeploymentStatuses.counts(d, newRs, sets))) cleanup(newRs);
        return newRs;
    }

    private boolean reconcileNew(ReplicaSet newRs) {
        int want = DeploymentSpecs.replicas(d);
        if (replicas(newRs) == want) return false;
        if (replicas(newRs) > want) return scaleTo(newRs, want);
        return scaleTo(newRs, newReplicas(newRs));
    }

    /** Old ReplicaSets shrink as far as maxUnavailable allows: unhealthy replicas first, then the oldest sets. */
    private boolean reconcileOld(ReplicaSet newRs) {
        List<ReplicaSet> old = old(newRs);
        if (sum(old) == 0) return false;
        int minAvailable = DeploymentSpecs.replicas(d) - DeploymentSpecs.maxUnavailable(d);
        int newUnavailable = replicas(newRs) - available(newRs);
        int maxScaledDown = sum(sets) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) return false;
        boolean scaled = false;
        int cleaned = 0;
        for (ReplicaSet rs : old) { // unhealthy first (upstream cleanupUnhealthyReplicas)
            if (cleaned >= maxScaledDown) break;
            int unhealthy = replicas(rs) - available(rs);
            if (replicas(rs) == 0 || unhealthy <= 0) continue;
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            scaled |= scaleTo(rs, replicas(rs) - down);
            cleaned += down;
        }
        int availableNow = 0;
        for (ReplicaSet rs : sets) availableNow += available(rs);
        int toScaleDown = availableNow - minAvailable;
        int downed = 0;
        for (ReplicaSet rs : old) {
            if (downed >= toScaleDown) break;
            if (replicas(rs) == 0) continue;
            int down = Math.min(replicas(rs), toScaleDown - downed);
            scaled |= scaleTo(rs, replicas(rs) - down);
            downed += down;
        }
        return scaled;
    }

    // ---- Recreate ----

    private ReplicaSet recreate(ReplicaSet newRs, long newRevision, List<Pod> pods) {
        boolean scaledDown = false;
        for (ReplicaSet rs : old(newRs)) if (replicas(rs) > 0) scaledDown |= scaleTo(rs, 0);
        if (scaledDown || oldPodsRunning(newRs, pods)) return newRs;
        if (newRs == null) newRs = createNew(newRevision);
        scaleTo(newRs, DeploymentSpecs.replicas(d));
        if (DeploymentStatuses.complete(d, DeploymentStatuses.counts(d, newRs, sets))) cleanup(newRs);
        return newRs;
    }

    /** Any old ReplicaSet still reports replicas, or any of their pods has not finished (terminating included). */
    private boolean oldPodsRunning(ReplicaSet newRs, List<Pod> pods) {
        Set<String> oldUids = new HashSet<>();
        for (ReplicaSet rs : old(newRs)) {
            if (statusReplicas(rs) > 0) return true;
            oldUids.add(rs.getMetadata().getUid());
        }
        for (Pod p : pods) {
            boolean ofOld = OwnerClaims.controllerOf(p)
                    .map(r -> oldUids.contains(r.getUid()))
                    .orElse(false);
            if (ofOld && !Pods.isTerminal(p)) return true;
        }
        return false;
    }

    // ---- scaling a paused Deployment or a replicas change (upstream scale) ----

    /** Whether an active ReplicaSet was sized for a different spec.replicas than the Deployment's now. */
    private boolean scalingEvent() {
        for (ReplicaSet rs : sets) {
            if (replicas(rs) == 0) continue;
            var desired = Revisions.intAnnotation(rs, Revisions.DESIRED_REPLICAS);
            if (desired.isPresent() && desired.getAsInt() != DeploymentSpecs.replicas(d)) return true;
        }
        return false;
    }

    private void scale(ReplicaSet newRs) {
        int want = DeploymentSpecs.replicas(d);
        List<ReplicaSet> active = new ArrayList<>();
        for (ReplicaSet rs : sets) if (replicas(rs) > 0) active.add(rs);
        if (active.size() <= 1) {
            ReplicaSet target = active.isEmpty() ? (newRs != null ? newRs : latest()) : active.get(0);
            if (target != null) scaleTo(target, want);
            return;
        }
        if (newRs != null && replicas(newRs) == want && available(newRs) == want) {
            for (ReplicaSet rs : active) if (rs != newRs) scaleTo(rs, 0); // saturated: old ones go
            return;
        }
        if (!DeploymentSpecs.rolling(d)) return;
        proportional(active);
    }

    /** Upstream's proportional scaling: each active set grows or shrinks by its share; the rest to the largest. */
    private void proportional(List<ReplicaSet> active) {
        int want = DeploymentSpecs.replicas(d);
        int allowed = want == 0 ? 0 : want + DeploymentSpecs.maxSurge(d);
        int toAdd = allowed - sum(active);
        if (toAdd == 0) return;
        List<ReplicaSet> order = new ArrayList<>(active);
        Comparator<ReplicaSet> bySize = Comparator.comparingInt((ReplicaSet rs) -> -replicas(rs));
        order.sort(
                toAdd > 0
                        ? bySize.thenComparing(RolloutPlanner::created, Comparator.reverseOrder())
                        : bySize.thenComparing(RolloutPlanner::created));
        Map<ReplicaSet, Integer> size = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : order) {
            int share = proportion(rs, toAdd, added);
            size.put(rs, replicas(rs) + share);
            added += share;
        }
        ReplicaSet first = order.get(0);
        size.put(first, Math.max(0, size.get(first) + toAdd - added));
        for (ReplicaSet rs : order) scaleTo(rs, size.get(rs));
    }

    private int proportion(ReplicaSet rs, int toAdd, int added) {
        if (replicas(rs) == 0 || toAdd == added) return 0;
        int fraction;
        if (DeploymentSpecs.replicas(d) == 0) fraction = -replicas(rs);
        else {
            int target = DeploymentSpecs.replicas(d) + DeploymentSpecs.maxSurge(d);
            int annotated = Revisions.intAnnotation(rs, Revisions.MAX_REPLICAS)
                    .orElse(
                            d.getStatus() == null || d.getStatus().getReplicas() == null
                                    ? 0
                                    : d.getStatus().getReplicas());
            fraction = annotated == 0 ? 0 : (int) Math.round((double) replicas(rs) * target / annotated) - replicas(rs);
        }
        int left = toAdd - added;
        return toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
    }

    private ReplicaSet latest() {
        return sets.isEmpty() ? null : sets.get(sets.size() - 1);
    }

    // ---- history ----

    /** Deletes the oldest fully scaled-down ReplicaSets beyond revisionHistoryLimit (upstream cleanupDeployment). */
    private void cleanup(ReplicaSet newRs) {
        List<ReplicaSet> cleanable = new ArrayList<>();
        for (ReplicaSet rs : old(newRs)) {
            if (rs.getMetadata().getDeletionTimestamp() == null && replicas(rs) == 0 && statusReplicas(rs) == 0)
                cleanable.add(rs);
        }
        int diff = cleanable.size() - DeploymentSpecs.historyLimit(d);
        if (diff <= 0) return;
        cleanable.sort(Comparator.comparingLong(Revisions::of).thenComparing(RolloutPlanner::created));
        for (ReplicaSet rs : cleanable.subList(0, diff)) {
            Long generation = rs.getMetadata().getGeneration();
            Long observed = rs.getStatus() == null ? null : rs.getStatus().getObservedGeneration();
            if (generation != null && observed != null && generation > observed) continue;
            plan.writes.add(new RolloutPlan.Write(RolloutPlan.Kind.DELETE, rs, 0, 0));
            sets.remove(rs);
        }
    }

    // ---- one ReplicaSet's size ----

    /**
     * Sets {@code rs} to {@code to} replicas with the Deployment's replica annotations; records an
     * update when the size or the annotations change. Returns whether the size changed.
     */
    private boolean scaleTo(ReplicaSet rs, int to) {
        int from = replicas(rs);
        boolean annotations = Revisions.setReplicas(d, rs);
        if (from == to && !annotations) return false;
        rs.getSpec().setReplicas(to);
        RolloutPlan.Write pending = null;
        for (RolloutPlan.Write w : plan.writes) if (w.rs() == rs) pending = w;
        if (pending != null) { // a create or an earlier update of this set carries the new size
            plan.writes.set(
                    plan.writes.indexOf(pending), new RolloutPlan.Write(pending.kind(), rs, pending.from(), to));
        } else {
            plan.writes.add(new RolloutPlan.Write(RolloutPlan.Kind.UPDATE, rs, from, to));
        }
        return from != to;
    }

    static int replicas(ReplicaSet rs) {
        Integer r = rs.getSpec().getReplicas();
        return r == null ? 1 : r;
    }

    static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null
                ? 0
                : rs.getStatus().getAvailableReplicas();
    }

    static int statusReplicas(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getReplicas() == null
                ? 0
                : rs.getStatus().getReplicas();
    }

    private static int sum(List<ReplicaSet> sets) {
        int n = 0;
        for (ReplicaSet rs : sets) n += replicas(rs);
        return n;
    }

    private static Instant created(ReplicaSet rs) {
        String ts = rs.getMetadata().getCreationTimestamp();
        return ts == null || ts.isEmpty() ? Instant.MAX : Instant.parse(ts);
    }
}
