package io.everynode.controllers.replicaset;

import io.everynode.api.json.Json;
import io.everynode.api.selector.Selector;
import io.everynode.controllers.daemonset.ActionException;
import io.everynode.controllers.daemonset.Expectations;
import io.everynode.controllers.daemonset.SyncResult;
import io.everynode.controllers.manager.OwnerClaims;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ReplicaSet controller (upstream {@code pkg/controller/replicaset}): keeps {@code spec.replicas}
 * active pods matching the selector, adopting matching orphans and releasing pods that stopped
 * matching, and reports the counts in status.
 *
 * <p>{@link #sync} reads the {@link ReplicaSetWorld} caches, plans ({@link OwnerClaims},
 * {@link ReplicaPlan}, {@link ReplicaCounts}) and acts through {@link ReplicaSetActions}. While
 * creates or deletes it issued are not yet seen by the informer, a sync only refreshes status, so
 * a stale cache never doubles pods. Handlers ({@code on…}) return the keys to enqueue. Not
 * thread-safe beyond what the runner's single worker needs; handlers may run on informer threads
 * (they touch only the thread-safe {@link Expectations}).
 */
public final class ReplicaSetController {
    /** Tunables; upstream's values in {@link #defaults()}: 500 creates or deletes per sync, expectations kept 5 min. */
    public record Config(int burstReplicas, Duration expectationsTtl) {
        public static Config defaults() {
            return new Config(500, Duration.ofMinutes(5));
        }
    }

    private final Config config;
    private final ReplicaSetWorld world;
    private final ReplicaSetActions actions;
    private final Clock clock;
    private final Expectations expectations;

    public ReplicaSetController(Config config, ReplicaSetWorld world, ReplicaSetActions actions, Clock clock) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
        this.expectations = new Expectations(clock, config.expectationsTtl());
    }

    /** Reconciles the ReplicaSet {@code namespace/name}. Never throws; errors are in the result. */
    public SyncResult sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        Optional<ReplicaSet> cached = world.replicaSet(ns, key.substring(slash + 1));
        if (cached.isEmpty()) {
            expectations.delete(key);
            return SyncResult.done();
        }
        ReplicaSet rs = cached.get();
        boolean satisfied = expectations.satisfied(key); // before the read, as the DaemonSet controller
        Exception error = null;
        List<Pod> active;
        try {
            active = ReplicaPlan.active(claim(rs, world.pods(ns)));
        } catch (RuntimeException e) {
            return new SyncResult(Optional.empty(), Optional.of(e));
        }
        if (satisfied && rs.getMetadata().getDeletionTimestamp() == null) {
            try {
                manage(key, rs, ReplicaPlan.of(rs, active, config.burstReplicas()));
            } catch (RuntimeException e) {
                error = e;
            }
        }
        ReplicaCounts counts = ReplicaCounts.of(rs, active, clock.instant());
        try {
            writeStatus(rs, counts);
        } catch (RuntimeException e) {
            if (error == null) error = e;
        }
        return new SyncResult(counts.nextAvailable(), Optional.ofNullable(error));
    }

    /** Adopts and releases as {@link OwnerClaims} plans; returns the pods owned afterwards. */
    private List<Pod> claim(ReplicaSet rs, List<Pod> pods) {
        OwnerClaims.Plan<Pod> plan =
                OwnerClaims.plan(rs.getMetadata().getUid(), rs.getSpec().getSelector(), pods);
        OwnerReference ref = ReplicaPods.ownerRef(rs);
        for (Pod p : plan.release()) ignoreNotFound(() -> actions.releasePod(p, ref));
        List<Pod> owned = new ArrayList<>(plan.owned());
        if (plan.adopt().isEmpty() || rs.getMetadata().getDeletionTimestamp() != null) return owned;
        ReplicaSet fresh = actions.getReplicaSet(
                        rs.getMetadata().getNamespace(), rs.getMetadata().getName())
                .orElse(null);
        if (fresh == null
                || !fresh.getMetadata().getUid().equals(rs.getMetadata().getUid())
                || fresh.getMetadata().getDeletionTimestamp() != null) {
            return owned; // gone or going: adopt nothing
        }
        for (Pod p : plan.adopt()) {
            ignoreNotFound(() -> actions.adoptPod(p, ref));
            owned.add(p);
        }
        return owned;
    }

    /** Creates in slow-start batches (1, 2, 4, …; a failed batch ends the run), then deletes. */
    private void manage(String key, ReplicaSet rs, ReplicaPlan plan) {
        if (plan.creates() == 0 && plan.deletes().isEmpty()) return;
        String ns = rs.getMetadata().getNamespace();
        expectations.expect(key, plan.creates(), plan.deletes().size());
        List<ActionException> errors = new ArrayList<>();
        int done = 0;
        for (int batch = 1; done < plan.creates() && errors.isEmpty(); batch *= 2) {
            int n = Math.min(batch, plan.creates() - done);
            for (int i = 0; i < n; i++) {
                try {
                    Pod created = actions.createPod(ns, ReplicaPods.fromTemplate(rs));
                    actions.recordEvent(
                            rs,
                            "Normal",
                            "SuccessfulCreate",
                            "Created pod: " + created.getMetadata().getName());
                } catch (ActionException e) {
                    expectations.creationObserved(key);
                    if (e.is(ActionException.Kind.NAMESPACE_TERMINATING)) continue;
                    actions.recordEvent(rs, "Warning", "FailedCreate", "Error creating: " + e.getMessage());
                    errors.add(e);
                }
            }
            done += n;
        }
        if (done < plan.creates()) expectations.lower(key, plan.creates() - done, 0);
        for (Pod p : plan.deletes()) {
            String name = p.getMetadata().getName();
            try {
                actions.deletePod(ns, name);
                actions.recordEvent(rs, "Normal", "SuccessfulDelete", "Deleted pod: " + name);
            } catch (ActionException e) {
                expectations.deletionObserved(key);
                if (!e.is(ActionException.Kind.NOT_FOUND)) {
                    actions.recordEvent(rs, "Warning", "FailedDelete", "Error deleting: " + e.getMessage());
                    errors.add(e);
                }
            }
        }
        if (!errors.isEmpty()) throw errors.get(0);
    }

    /**
     * Writes the counts when they changed. A conflict (the Deployment controller scaled the set
     * meanwhile) is retried once on a fresh GET, as upstream's updateReplicaSetStatus does.
     */
    private void writeStatus(ReplicaSet rs, ReplicaCounts counts) {
        Long generation = rs.getMetadata().getGeneration();
        if (counts.sameAs(rs.getStatus(), generation)) return;
        try {
            actions.updateStatus(withStatus(rs, counts, generation));
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.CONFLICT)) throw e;
            Optional<ReplicaSet> fresh = actions.getReplicaSet(
                    rs.getMetadata().getNamespace(), rs.getMetadata().getName());
            if (fresh.isPresent()) actions.updateStatus(withStatus(fresh.get(), counts, generation));
        }
    }

    private static ReplicaSet withStatus(ReplicaSet rs, ReplicaCounts counts, Long generation) {
        ReplicaSet copy = Json.MAPPER.convertValue(rs, ReplicaSet.class);
        if (copy.getStatus() == null) copy.setStatus(new ReplicaSetStatus());
        counts.applyTo(copy.getStatus());
        copy.getStatus().setObservedGeneration(generation);
        return copy;
    }

    private static void ignoreNotFound(Runnable write) {
        try {
            write.run();
        } catch (ActionException e) {
            if (!e.is(ActionException.Kind.NOT_FOUND)) throw e;
        }
    }

    // ---- informer handlers: the keys to enqueue, with the expectation bookkeeping ----

    public Set<String> onReplicaSet(ReplicaSet rs) {
        return Set.of(key(rs.getMetadata().getNamespace(), rs.getMetadata().getName()));
    }

    public Set<String> onReplicaSetDeleted(ReplicaSet rs) {
        String key = key(rs.getMetadata().getNamespace(), rs.getMetadata().getName());
        expectations.delete(key);
        return Set.of(key);
    }

    public Set<String> onPodAdded(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) return onPodDeleted(pod);
        Optional<String> owner = ownerKey(pod);
        owner.ifPresent(expectations::creationObserved);
        return owner.map(Set::of).orElseGet(() -> matching(pod));
    }

    public Set<String> onPodUpdated(Pod old, Pod cur) {
        Set<String> keys = new LinkedHashSet<>();
        if (old.getMetadata().getDeletionTimestamp() == null
                && cur.getMetadata().getDeletionTimestamp() != null)
            ownerKey(cur).ifPresent(expectations::deletionObserved);
        ownerKey(old).ifPresent(keys::add);
        Optional<String> owner = ownerKey(cur);
        if (owner.isPresent()) keys.add(owner.get());
        else keys.addAll(matching(cur));
        return keys;
    }

    /** Also for tombstones: pass the last known state. */
    public Set<String> onPodDeleted(Pod pod) {
        Optional<String> owner = ownerKey(pod);
        // a pod that was already terminating was counted when its deletionTimestamp appeared
        if (pod.getMetadata().getDeletionTimestamp() == null) owner.ifPresent(expectations::deletionObserved);
        return owner.map(Set::of).orElse(Set.of());
    }

    private static Optional<String> ownerKey(Pod pod) {
        return OwnerClaims.controllerOf(pod)
                .filter(r -> "ReplicaSet".equals(r.getKind()))
                .map(r -> key(pod.getMetadata().getNamespace(), r.getName()));
    }

    /** Orphans: every ReplicaSet of the namespace whose selector matches (one may adopt it). */
    private Set<String> matching(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null
                ? Map.of()
                : pod.getMetadata().getLabels();
        Set<String> keys = new LinkedHashSet<>();
        for (ReplicaSet rs : world.replicaSets(pod.getMetadata().getNamespace())) {
            if (rs.getSpec().getSelector() != null
                    && Selector.from(rs.getSpec().getSelector()).matches(labels))
                keys.add(key(rs.getMetadata().getNamespace(), rs.getMetadata().getName()));
        }
        return keys;
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }
}
