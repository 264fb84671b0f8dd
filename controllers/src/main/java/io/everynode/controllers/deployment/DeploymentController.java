package io.everynode.controllers.deployment;

import io.everynode.api.json.Json;
import io.everynode.api.selector.Selector;
import io.everynode.controllers.daemonset.ActionException;
import io.everynode.controllers.daemonset.SyncResult;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Deployment controller (upstream {@code pkg/controller/deployment}): a ReplicaSet per pod
 * template, named {@code <deployment>-<pod-template-hash>}, scaled by the RollingUpdate or Recreate
 * strategy, with revisions, history cleanup, pause, and the status {@code kubectl rollout} reads.
 *
 * <p>{@link #sync} claims the ReplicaSets (adopt matching orphans, release those that stopped
 * matching), asks the {@link RolloutPlanner} for a {@link RolloutPlan}, carries out its writes
 * through {@link DeploymentActions} and writes the status {@link DeploymentStatuses} computes. A
 * write that fails (a stale cache's conflict included) ends the sync with the error, and the
 * queue retries it. Handlers ({@code on…}) return the keys to enqueue.
 */
public final class DeploymentController {
    static final String SELECTING_ALL = "This deployment is selecting all pods. A non-empty selector is required.";

    private final DeploymentWorld world;
    private final DeploymentActions actions;
    private final Clock clock;

    public DeploymentController(DeploymentWorld world, DeploymentActions actions, Clock clock) {
        this.world = world;
        this.actions = actions;
        this.clock = clock;
    }

    /** Reconciles the Deployment {@code namespace/name}. Never throws; errors are in the result. */
    public SyncResult sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        Optional<Deployment> cached = world.deployment(ns, key.substring(slash + 1));
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) return SyncResult.done();
        Deployment d = cached.get();
        LabelSelector selector = d.getSpec().getSelector();
        if (selector == null
                || ((selector.getMatchLabels() == null
                                || selector.getMatchLabels().isEmpty())
                        && (selector.getMatchExpressions() == null
                                || selector.getMatchExpressions().isEmpty()))) {
            actions.recordEvent(d, "Warning", "SelectingAll", SELECTING_ALL);
            return SyncResult.done();
        }
        try {
            List<ReplicaSet> owned = claim(d, world.replicaSets(ns));
            RolloutPlan plan = RolloutPlanner.plan(d, owned, world.pods(ns), clock.instant());
            Deployment written = execute(d, plan);
            DeploymentStatus status = DeploymentStatuses.compute(d, plan, clock.instant());
            writeStatus(written, status);
            return new SyncResult(DeploymentStatuses.recheck(d, status, clock.instant()), Optional.empty());
        } catch (RuntimeException e) {
            return new SyncResult(Optional.empty(), Optional.of(e));
        }
    }

    /** Adopts matching orphan ReplicaSets (after an uncached re-check) and releases those that stopped matching. */
    private List<ReplicaSet> claim(Deployment d, List<ReplicaSet> sets) {
        OwnerClaims.Plan<ReplicaSet> plan =
                OwnerClaims.plan(d.getMetadata().getUid(), d.getSpec().getSelector(), sets);
        OwnerReference ref = OwnerClaims.controllerRef(d, "apps/v1", "Deployment");
        for (ReplicaSet rs : plan.release()) ignoreNotFound(() -> actions.releaseReplicaSet(rs, ref));
        List<ReplicaSet> owned = new ArrayList<>(plan.owned());
        if (plan.adopt().isEmpty()) return owned;
        Optional<Deployment> fresh = actions.getDeployment(
                d.getMetadata().getNamespace(), d.getMetadata().getName());
        if (fresh.isEmpty()
                || !fresh.get().getMetadata().getUid().equals(d.getMetadata().getUid())
                || fresh.get().getMetadata().getDeletionTimestamp() != null) return owned;
        for (ReplicaSet rs : plan.adopt()) {
            ignoreNotFound(() -> actions.adoptReplicaSet(rs, ref));
            owned.add(rs);
        }
        return owned;
    }

    /** Carries out the plan's writes; returns the Deployment as stored after them (its revision set). */
    private Deployment execute(Deployment d, RolloutPlan plan) {
        String ns = d.getMetadata().getNamespace();
        for (RolloutPlan.Write w : plan.writes) {
            switch (w.kind()) {
                case CREATE -> create(d, w.rs());
                case UPDATE -> actions.updateReplicaSet(w.rs());
                case DELETE ->
                    ignoreNotFound(() ->
                            actions.deleteReplicaSet(ns, w.rs().getMetadata().getName()));
            }
            if (w.kind() != RolloutPlan.Kind.DELETE && w.from() != w.to()) {
                String op = w.to() > w.from() ? "up" : "down";
                actions.recordEvent(
                        d,
                        "Normal",
                        "ScalingReplicaSet",
                        "Scaled " + op + " replica set " + w.rs().getMetadata().getName() + " from " + w.from() + " to "
                                + w.to());
            }
        }
        return plan.deploymentRevision == null ? d : actions.setRevision(d, plan.deploymentRevision);
    }

    /**
     * Creates the new ReplicaSet. A name taken by a ReplicaSet of this Deployment with the same
     * template is fine (our own earlier create); taken by anything else is a hash collision:
     * status.collisionCount goes up, so the next sync hashes to another name.
     */
    private void create(Deployment d, ReplicaSet rs) {
        try {
            actions.createReplicaSet(d.getMetadata().getNamespace(), rs);
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.ALREADY_EXISTS)) throw e;
            Optional<ReplicaSet> existing = actions.getReplicaSet(
                    d.getMetadata().getNamespace(), rs.getMetadata().getName());
            boolean ours = existing.isPresent()
                    && OwnerClaims.controllerOf(existing.get())
                            .map(r -> r.getUid().equals(d.getMetadata().getUid()))
                            .orElse(false)
                    && RolloutPlanner.sameTemplate(
                            existing.get().getSpec().getTemplate(), d.getSpec().getTemplate());
            if (ours) return;
            Deployment copy = Json.MAPPER.convertValue(d, Deployment.class);
            if (copy.getStatus() == null) copy.setStatus(new DeploymentStatus());
            Integer c = copy.getStatus().getCollisionCount();
            copy.getStatus().setCollisionCount(c == null ? 1 : c + 1);
            actions.updateStatus(copy);
            throw e;
        }
    }

    private void writeStatus(Deployment d, DeploymentStatus status) {
        if (status.equals(d.getStatus())) return;
        Deployment copy = Json.MAPPER.convertValue(d, Deployment.class);
        copy.setStatus(status);
        actions.updateStatus(copy);
    }

    private static void ignoreNotFound(Runnable write) {
        try {
            write.run();
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.NOT_FOUND)) throw e;
        }
    }

    // ---- informer handlers: the keys to enqueue ----

    public Set<String> onDeployment(Deployment d) {
        return Set.of(key(d.getMetadata().getNamespace(), d.getMetadata().getName()));
    }

    public Set<String> onReplicaSet(ReplicaSet rs) {
        Optional<OwnerReference> owner = OwnerClaims.controllerOf(rs);
        if (owner.isPresent()) {
            return "Deployment".equals(owner.get().getKind())
                    ? Set.of(key(rs.getMetadata().getNamespace(), owner.get().getName()))
                    : Set.of();
        }
        Map<String, String> labels = rs.getMetadata().getLabels() == null
                ? Map.of()
                : rs.getMetadata().getLabels();
        Set<String> keys = new LinkedHashSet<>();
        for (Deployment d : world.deployments(rs.getMetadata().getNamespace())) {
            if (d.getSpec().getSelector() != null
                    && Selector.from(d.getSpec().getSelector()).matches(labels))
                keys.add(key(d.getMetadata().getNamespace(), d.getMetadata().getName()));
        }
        return keys;
    }

    public Set<String> onReplicaSetUpdated(ReplicaSet old, ReplicaSet cur) {
        Set<String> keys = new LinkedHashSet<>(onReplicaSet(old));
        keys.addAll(onReplicaSet(cur));
        return keys;
    }

    /** A pod gone may let a Recreate rollout go on: its ReplicaSet's Deployment looks again. */
    public Set<String> onPodDeleted(Pod pod) {
        return OwnerClaims.controllerOf(pod)
                .filter(r -> "ReplicaSet".equals(r.getKind()))
                .flatMap(r -> world.replicaSet(pod.getMetadata().getNamespace(), r.getName()))
                .flatMap(OwnerClaims::controllerOf)
                .filter(r -> "Deployment".equals(r.getKind()))
                .map(r -> Set.of(key(pod.getMetadata().getNamespace(), r.getName())))
                .orElse(Set.of());
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }
}
