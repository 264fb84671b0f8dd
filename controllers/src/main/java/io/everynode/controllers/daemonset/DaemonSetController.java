package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.rollout.LifecycleHooks;
import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.everynode.api.validation.IntOrPercent;
import io.everynode.client.Backoff;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The DaemonSet controller (upstream {@code pkg/controller/daemon}): one pod of each DaemonSet on
 * every node that should run it, replaced under the update strategy, with history and status.
 *
 * <p>Handlers ({@code on…}) turn informer events into keys; {@link #sync} reconciles one key from
 * the {@link DaemonSetWorld} caches and is safe to run again (style rule 1). Each sync decides a
 * plan as data, then carries it out through {@link DaemonSetActions} (style rule 2). Thread-safe:
 * the work queue may run several syncs at once, but never two for the same key.
 */
public final class DaemonSetController {
    /**
     * Tunables. Upstream values in {@link #defaults()}: burst 250 (creates and deletes, each, per
     * sync), failed-pod back-off 1 s doubling to 15 min, expectations TTL 5 min.
     */
    public record Config(int burstReplicas, Duration backoffInitial, Duration backoffMax, Duration expectationsTtl) {
        public static Config defaults() {
            return new Config(250, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(5));
        }
    }

    static final String SELECTING_ALL_MESSAGE =
            "This daemon set is selecting all pods. A non-empty selector is required.";

    private final Config config;
    private final DaemonSetWorld world;
    private final DaemonSetActions actions;
    private final Clock clock;
    private final Expectations expectations;
    /** R2.7: failed daemon pods are killed after 1 s, 2 s, 4 s … up to the maximum (15 min), idle keys dropped after twice that. */
    private final Backoff<String> backoff;

    private final ManagePlanner manage;
    private final PodWriter writer;
    private final History history;
    private final InPlaceWriter inPlace;
    private final StatusMemo statusMemo = new StatusMemo();
    /** DaemonSet key → its remembered per-node decisions (R1.1–R1.8); dropped with the DaemonSet. */
    private final Map<String, NodeDecisions> decisions = new ConcurrentHashMap<>();

    /** A controller that issues each sync's writes one after another on the syncing thread (tests). */
    public DaemonSetController(Config config, DaemonSetWorld world, DaemonSetActions actions, Clock clock) {
        this(config, world, actions, clock, Runnable::run);
    }

    /**
     * @param writes where the calls of one slow-start batch run together (R2.9); the sync waits
     *     for each batch, so a bounded pool bounds the writes in flight
     */
    public DaemonSetController(
            Config config, DaemonSetWorld world, DaemonSetActions actions, Clock clock, Executor writes) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
        this.expectations = new Expectations(clock, config.expectationsTtl());
        this.backoff = new Backoff<>(clock, config.backoffInitial(), config.backoffMax());
        this.manage = new ManagePlanner(backoff);
        this.writer = new PodWriter(actions, expectations, config.burstReplicas(), writes);
        this.history = new History(actions);
        this.inPlace = new InPlaceWriter(actions);
    }

    /** Reconciles the DaemonSet {@code namespace/name} (R2.1). Never throws; errors are in the result. */
    public SyncResult sync(String key) {
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Optional<DaemonSet> cached = world.daemonSet(ns, name);
        if (cached.isEmpty()) {
            expectations.delete(key); // R2.1 step 1
            statusMemo.forget(key);
            decisions.remove(key);
            return SyncResult.done();
        }
        DaemonSet ds = cached.get();
        if (ds.getSpec().getSelector() != null
                && DaemonSetEvents.emptySelector(ds.getSpec().getSelector())) {
            actions.recordEvent(ds, "Warning", "SelectingAll", SELECTING_ALL_MESSAGE); // R2.1 step 2
            return SyncResult.done();
        }
        if (ds.getMetadata().getDeletionTimestamp() != null) {
            return SyncResult.done(); // R2.1 step 3: not even status
        }
        // R2.1 step 5, decided BEFORE the pods are read: informers update the cache before they
        // report an event, so "satisfied" seen now means every pod we created is already in the
        // list read below. Checked after the read, a creation observed in between would satisfy the
        // expectations while the list still lacked that pod, and the node would get a second pod.
        boolean satisfied = expectations.satisfied(key);
        List<Node> nodes = world.nodes();
        Requeue requeue = new Requeue();
        List<Pod> claimed;
        History.Result hist;
        try {
            claimed = claimPods(ds);
            hist = history.construct(ds, world.revisions(ns), claimed); // R2.1 step 4
        } catch (RuntimeException e) {
            return new SyncResult(Optional.empty(), Optional.of(e));
        }
        String hash = hist.hash();
        Function<Node, NodeShouldRunDaemonPod.Decision> decide =
                decisions.computeIfAbsent(key, k -> new NodeDecisions()).refresh(ds, nodes);
        Map<String, List<Pod>> claimedByNode = DaemonPods.byNode(claimed, false);
        if (!satisfied) {
            // R2.1 step 5: the cache is behind our own writes; only refresh the counters.
            Exception statusErr = writeStatus(ds, nodes, claimedByNode, hist, false, requeue, decide, Optional.empty());
            return new SyncResult(requeue.delay(), Optional.ofNullable(statusErr));
        }
        // E3.2-E3.4: decided on the pods as claimed; a pause or revert is one DaemonSet update,
        // whose watch event brings the next sync (which then sees the pause or the old template).
        AutoPause.Decision guard = AutoPause.decide(ds, hash, newPods(ds, claimed, hash), hist.old(), clock.instant());
        if (guard.kind() != AutoPause.Kind.NONE) {
            try {
                guard(ds, hash, guard);
                return SyncResult.done();
            } catch (RuntimeException e) {
                return new SyncResult(Optional.empty(), Optional.of(e));
            }
        }
        guard.recheck().ifPresent(requeue::after);
        // The pods as the plans that follow must see them: what was claimed, until this sync
        // writes a pod; then the cache as it is after those writes (ownedNow). A sync that writes
        // no pod (most syncs: a pod became Ready) reads and groups the pods once.
        List<Pod> owned = claimed;
        Map<String, List<Pod>> ownedByNode = claimedByNode;
        // The rolling update's stage and holds, for the status too when no pod is written after them.
        Optional<Scope> unchanged = Optional.empty();
        Exception syncErr = null;
        try {
            Instant now = clock.instant();
            LifecycleHooks hooks = LifecycleHooks.of(ds.getMetadata());
            Pod base = PodGates.add(PodTemplates.base(ds, hash), ds); // E6.3
            SyncPlan.Builder managed = manage.plan(ds, nodes, claimedByNode, hash, allowsSurge(ds), now, decide);
            managed.events.forEach(ev -> actions.recordEvent(ds, ev.type(), ev.reason(), ev.message()));
            if (managed.requeueAfter != null) {
                requeue.after(managed.requeueAfter);
            }
            List<PodChanges.Mark> marks = new ArrayList<>();
            List<SyncPlan.PodDelete> manageDeletes =
                    Lifecycle.preDelete(hooks, managed.deletes, byName(claimed), now, marks); // E6.4
            List<ActionException> errors =
                    new ArrayList<>(writer.write(key, ds, managed.nodesNeedingPods, manageDeletes, base));
            errors.addAll(inPlace.write(ds, new PodChanges(List.of(), marks), Lifecycle.time(now)));
            if (writesPods(managed) || !marks.isEmpty()) {
                owned = ownedNow(ds, claimed);
                ownedByNode = DaemonPods.byNode(owned, false);
            }
            if (errors.isEmpty()
                    && expectations.satisfied(key)
                    && UpdateBudget.isRollingUpdate(ds)
                    && !RolloutGuard.paused(ds.getMetadata())) { // E3.1: paused, nothing is replaced
                Instant at = clock.instant();
                Scope scope = scope(ds, statusMemo.freshest(key, ds), nodes, ownedByNode, hash, decide, at);
                SyncPlan.Builder rolling = RollingUpdatePlanner.plan(
                        ds, nodes, ownedByNode, hash, at, decide, scope.held().keySet());
                // E6.2: how each chosen pod is replaced: in place when only images changed.
                InPlacePlanner.Result replaced =
                        InPlacePlanner.plan(ds, hash, hist.current(), hist.old(), rolling.deletes, byName(owned), now);
                List<PodChanges.Mark> rollingMarks =
                        new ArrayList<>(replaced.changes().marks());
                List<SyncPlan.PodDelete> rollingDeletes =
                        Lifecycle.preDelete(hooks, replaced.deletes(), byName(owned), now, rollingMarks); // E6.4
                errors.addAll(writer.write(key, ds, rolling.nodesNeedingPods, rollingDeletes, base));
                PodChanges changes = new PodChanges(replaced.changes().updates(), rollingMarks);
                errors.addAll(inPlace.write(ds, changes, Lifecycle.time(now)));
                if (writesPods(rolling)
                        || !changes.updates().isEmpty()
                        || !changes.marks().isEmpty()) {
                    owned = ownedNow(ds, claimed);
                    ownedByNode = DaemonPods.byNode(owned, false);
                } else {
                    unchanged = Optional.of(scope);
                }
            }
            // E6.3: the gates' conditions (a new pod's, a finished in-place update's).
            errors.addAll(inPlace.write(
                    ds, new PodChanges(List.of(), GateRefresh.plan(owned, hooks, now)), Lifecycle.time(now)));
            if (!errors.isEmpty()) {
                syncErr = aggregate(errors);
            } else if (History.mayClean(ds, hist.old())) {
                // R4.6, on a fresh read: history construction may have relabelled pods.
                history.cleanup(ds, hist.old(), ownedNow(ds, claimed));
            }
        } catch (RuntimeException e) {
            syncErr = e;
            owned = ownedNow(ds, claimed); // a write may have happened before the failure
            ownedByNode = DaemonPods.byNode(owned, false);
            unchanged = Optional.empty();
        }
        Exception statusErr = writeStatus(ds, nodes, ownedByNode, hist, true, requeue, decide, unchanged);
        return new SyncResult(requeue.delay(), Optional.ofNullable(syncErr != null ? syncErr : statusErr));
    }

    // ---- informer handlers: compute the reaction, apply its expectation bookkeeping ----

    public Reaction onNodeAdded(Node node) {
        return DaemonSetEvents.nodeAdded(node, world.daemonSets());
    }

    public Reaction onNodeUpdated(Node old, Node cur) {
        return DaemonSetEvents.nodeUpdated(old, cur, world.daemonSets());
    }

    public Reaction onPodAdded(Pod pod) {
        return apply(DaemonSetEvents.podAdded(pod, world.daemonSets()));
    }

    public Reaction onPodUpdated(Pod old, Pod cur) {
        return apply(DaemonSetEvents.podUpdated(old, cur, world.daemonSets()));
    }

    /** Also for tombstones: pass the last known state. */
    public Reaction onPodDeleted(Pod pod) {
        return apply(DaemonSetEvents.podDeleted(pod, world.daemonSets()));
    }

    public Reaction onDaemonSetAdded(DaemonSet ds) {
        return apply(DaemonSetEvents.daemonSetAdded(ds));
    }

    public Reaction onDaemonSetUpdated(DaemonSet old, DaemonSet cur) {
        return apply(DaemonSetEvents.daemonSetUpdated(old, cur));
    }

    public Reaction onDaemonSetDeleted(DaemonSet ds) {
        return apply(DaemonSetEvents.daemonSetDeleted(ds));
    }

    public Reaction onRevisionAdded(ControllerRevision rev) {
        return DaemonSetEvents.revisionAdded(rev, world.daemonSets());
    }

    public Reaction onRevisionUpdated(ControllerRevision old, ControllerRevision cur) {
        return DaemonSetEvents.revisionUpdated(old, cur, world.daemonSets());
    }

    public Reaction onRevisionDeleted(ControllerRevision rev) {
        return DaemonSetEvents.revisionDeleted(rev, world.daemonSets());
    }

    /** Drops idle failed-pod back-off entries; the wiring calls this about once a minute (R2.7). */
    public void gcBackoff() {
        backoff.gc();
    }

    /** True when no writes of this DaemonSet are awaiting their watch events (R2.1 step 5). */
    public boolean expectationsSatisfied(String key) {
        return expectations.satisfied(key);
    }

    Config config() {
        return config;
    }

    private Reaction apply(Reaction r) {
        for (Reaction.Observation o : r.observations()) {
            switch (o.kind()) {
                case CREATION_OBSERVED -> expectations.creationObserved(o.key());
                case DELETION_OBSERVED -> expectations.deletionObserved(o.key());
                case FORGET -> expectations.delete(o.key());
            }
        }
        return r;
    }

    // ---- sync steps ----

    private static Map<String, Pod> byName(List<Pod> pods) {
        Map<String, Pod> out = new java.util.HashMap<>();
        pods.forEach(p -> out.put(p.getMetadata().getName(), p));
        return out;
    }

    /** The claimed pods of the current revision (R3.4). */
    private static List<Pod> newPods(DaemonSet ds, List<Pod> claimed, String hash) {
        String generation = PodFacts.templateGeneration(ds);
        return claimed.stream()
                .filter(p -> PodFacts.updated(p, hash, generation))
                .toList();
    }

    /**
     * E3.3/E3.4: pauses (annotations {@code paused} and {@code auto-paused-revision}) or reverts
     * (the target revision's template, annotation {@code auto-reverted-from}), then records the
     * Warning event naming the failing pods and nodes. The update is guarded by resourceVersion:
     * on a conflict nothing is written and the next sync decides again.
     */
    private void guard(DaemonSet ds, String hash, AutoPause.Decision d) {
        DaemonSet next = copy(ds);
        Map<String, String> annotations = new java.util.LinkedHashMap<>(
                next.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : next.getMetadata().getAnnotations());
        if (d.kind() == AutoPause.Kind.REVERT) {
            next.getSpec().setTemplate(RevisionData.templateOf(d.target().orElseThrow()));
            annotations.put(RolloutGuard.AUTO_REVERTED_FROM, hash);
        } else {
            annotations.put(RolloutGuard.PAUSED, "true");
            annotations.put(RolloutGuard.AUTO_PAUSED_REVISION, hash);
        }
        next.getMetadata().setAnnotations(annotations);
        actions.updateDaemonSet(next);
        actions.recordEvent(
                ds,
                "Warning",
                d.kind() == AutoPause.Kind.REVERT ? AutoPause.REVERTED_REASON : AutoPause.PAUSED_REASON,
                d.message());
    }

    /**
     * E3.5: with auto-revert on, the current revision is marked fully available the first time
     * every desired node runs an available pod of it (generation observed).
     */
    private void markFullyAvailable(DaemonSet ds, ControllerRevision current, StatusCounts counts, Instant now) {
        if (!RolloutGuard.autoRevert(ds.getMetadata())
                || current == null
                || counts.desired() == 0
                || counts.updated() != counts.desired()
                || counts.available() != counts.desired()
                || (current.getMetadata().getAnnotations() != null
                        && current.getMetadata().getAnnotations().containsKey(RolloutGuard.FULLY_AVAILABLE))) {
            return;
        }
        ControllerRevision marked = Json.MAPPER.convertValue(current, ControllerRevision.class);
        Map<String, String> annotations = new java.util.LinkedHashMap<>(
                marked.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : marked.getMetadata().getAnnotations());
        annotations.put(
                RolloutGuard.FULLY_AVAILABLE,
                now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        marked.getMetadata().setAnnotations(annotations);
        actions.updateRevision(ds.getMetadata().getNamespace(), marked);
    }

    /** R2.2 over the namespace's pods. */
    private List<Pod> claimPods(DaemonSet ds) {
        List<Pod> pods = world.pods(ds.getMetadata().getNamespace());
        return Claims.execute(ds, Claims.plan(ds, pods), actions, actions::adoptPod, actions::releasePod);
    }

    private static boolean writesPods(SyncPlan.Builder plan) {
        return !plan.nodesNeedingPods.isEmpty() || !plan.deletes.isEmpty();
    }

    /**
     * The DaemonSet's pods as the cache shows them now (after this sync's writes), plus pods this
     * sync adopted that the cache may not show as owned yet.
     */
    private List<Pod> ownedNow(DaemonSet ds, List<Pod> claimedEarlier) {
        List<Pod> all = world.pods(ds.getMetadata().getNamespace());
        List<Pod> now = new ArrayList<>(Claims.plan(ds, all).owned());
        Set<String> names = new HashSet<>();
        now.forEach(p -> names.add(p.getMetadata().getName()));
        Set<String> present = null; // built only when an earlier pod is missing from the owned list
        for (Pod p : claimedEarlier) {
            if (names.contains(p.getMetadata().getName())
                    || PodFacts.controllerOf(p).isEmpty()) {
                continue;
            }
            if (present == null) {
                present = new HashSet<>();
                for (Pod q : all) present.add(q.getMetadata().getName());
            }
            if (present.contains(p.getMetadata().getName())) {
                now.add(p);
            }
        }
        return now;
    }

    /** upstream AllowsSurge: maxSurge scaled against one node is non-zero (malformed → false). */
    private static boolean allowsSurge(DaemonSet ds) {
        var ru = UpdateBudget.rollingUpdate(ds);
        if (ru == null) {
            return false;
        }
        try {
            return IntOrPercent.scaled(ru.getMaxSurge(), 1, true) != 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Where the rolling update stands: the staged rollout (E5.3) and the nodes it holds (E4.1, E4.2,
     * E5.3; none unless the strategy is RollingUpdate), over the pods grouped by node.
     */
    private record Scope(Optional<StagedRollout.Outcome> stage, Map<String, RolloutScope.Hold> held) {}

    private static Scope scope(
            DaemonSet ds,
            DaemonSet freshest,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Instant now) {
        Optional<StagedRollout.Outcome> stage = StagedRollout.of(ds, freshest, nodes, nodeToPods, hash, decide, now);
        return new Scope(
                stage,
                UpdateBudget.isRollingUpdate(ds)
                        ? RolloutScope.of(ds, nodes, nodeToPods, hash, decide, stage)
                        : Map.of());
    }

    /**
     * R3.1–R3.2 plus the minReadySeconds requeue of R2.11 (over every waiting pod, see
     * {@link MinReadyWake}) and the Progressing condition of E1.1–E1.4 with its requeue at the
     * deadline (see {@link RolloutProgress}); returns the error, if any.
     *
     * @param unchanged the rolling update's scope when no pod was written since it was decided
     *     over {@code nodeToPods} (then it is reused, not decided again)
     */
    private Exception writeStatus(
            DaemonSet ds,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            History.Result hist,
            boolean observeGeneration,
            Requeue requeue,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Optional<Scope> unchanged) {
        String hash = hist.hash();
        Instant now = clock.instant();
        StatusCounts counts = StatusCounts.compute(ds, nodes, nodeToPods, hash, now, decide);
        String key = ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName();
        DaemonSet freshest = statusMemo.freshest(key, ds);
        // E5.3/E5.4: the staged rollout's condition, decided on the pods as this sync leaves them
        Scope scope = unchanged.orElseGet(() -> scope(ds, freshest, nodes, nodeToPods, hash, decide, now));
        Optional<StagedRollout.Outcome> stage = scope.stage();
        Supplier<List<String>> lagging = () -> LaggingNodes.of(ds, nodes, nodeToPods, hash, now, decide);
        RolloutProgress.Outcome progress = progress(
                ds,
                freshest,
                counts,
                observeGeneration,
                lagging,
                () -> UpdateBudget.isRollingUpdate(ds) // E1.7
                        ? DeadlineHold.of(ds.getMetadata().getName(), stage, scope.held(), lagging)
                        : Optional.empty(),
                now);
        Optional<DaemonSetCondition> stored = progressing(freshest);
        boolean conditionChanged = !stored.equals(progress.condition());
        Optional<DaemonSetCondition> stageCondition = stage.map(StagedRollout.Outcome::condition);
        boolean stageChanged = !StagedRollout.stored(freshest).equals(stageCondition);
        try {
            if (!counts.sameAs(freshest) || conditionChanged || stageChanged) {
                store(key, freshest, counts, observeGeneration, progress.condition(), stageCondition, hash);
            }
            if (observeGeneration) {
                markFullyAvailable(ds, hist.current(), counts, now);
            }
        } catch (ActionException e) {
            return e;
        }
        if (conditionChanged) { // E1.3: one event when the condition turns, after it is stored
            progress.event().ifPresent(ev -> actions.recordEvent(ds, ev.type(), ev.reason(), ev.message()));
        }
        if (stageChanged) { // E5.3: the stage events once their condition is stored
            stage.get().events().forEach(ev -> actions.recordEvent(ds, ev.type(), ev.reason(), ev.message()));
        }
        stage.flatMap(StagedRollout.Outcome::recheck).ifPresent(requeue::after);
        progress.recheck().ifPresent(requeue::after);
        MinReadyWake.after(ManagePlanner.minReadySeconds(ds), nodeToPods, now).ifPresent(requeue::after);
        return null;
    }

    /** E1.1–E1.4 over the status as stored ({@code freshest}) and the counters this sync writes. */
    private static RolloutProgress.Outcome progress(
            DaemonSet ds,
            DaemonSet freshest,
            StatusCounts counts,
            boolean observeGeneration,
            Supplier<List<String>> lagging,
            Supplier<Optional<RolloutProgress.Hold>> hold,
            Instant now) {
        DaemonSetStatus s = freshest.getStatus() == null ? new DaemonSetStatus() : freshest.getStatus();
        long generation =
                ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration();
        long observed = s.getObservedGeneration() == null ? 0 : s.getObservedGeneration();
        return RolloutProgress.decide(
                ds.getMetadata().getName(),
                ProgressDeadline.of(ds.getMetadata()),
                RolloutGuard.paused(ds.getMetadata()),
                progressing(freshest).orElse(null),
                new RolloutProgress.Counters(
                        n(s.getDesiredNumberScheduled()), n(s.getUpdatedNumberScheduled()), n(s.getNumberAvailable())),
                new RolloutProgress.Counters(counts.desired(), counts.updated(), counts.available()),
                observed < generation,
                observeGeneration || observed >= generation,
                lagging,
                hold,
                now);
    }

    private static Optional<DaemonSetCondition> progressing(DaemonSet ds) {
        if (ds.getStatus() == null || ds.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return ds.getStatus().getConditions().stream()
                .filter(c -> RolloutProgress.TYPE.equals(c.getType()))
                .findFirst();
    }

    /** Replaces the condition of {@code type} in {@code s} (removes it when {@code c} is empty); others stay. */
    private static void setCondition(DaemonSetStatus s, String type, Optional<DaemonSetCondition> c) {
        List<DaemonSetCondition> conditions = new ArrayList<>();
        if (s.getConditions() != null) {
            s.getConditions().stream().filter(x -> !type.equals(x.getType())).forEach(conditions::add);
        }
        c.ifPresent(conditions::add);
        s.setConditions(conditions.isEmpty() && s.getConditions() == null ? null : conditions);
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** R3.2: UpdateStatus; on failure GET the latest and retry once. */
    private void store(
            String key,
            DaemonSet ds,
            StatusCounts counts,
            boolean observeGeneration,
            Optional<DaemonSetCondition> progressing,
            Optional<DaemonSetCondition> stage,
            String hash) {
        DaemonSet toUpdate = copy(ds);
        for (int attempt = 0; ; attempt++) {
            if (toUpdate.getStatus() == null) {
                toUpdate.setStatus(new DaemonSetStatus());
            }
            counts.applyTo(toUpdate.getStatus());
            setCondition(toUpdate.getStatus(), RolloutProgress.TYPE, progressing);
            setCondition(toUpdate.getStatus(), StagedRollout.TYPE, stage);
            if (observeGeneration) {
                toUpdate.getStatus().setObservedGeneration(ds.getMetadata().getGeneration());
            }
            try {
                statusMemo.wrote(
                        key, toUpdate.getMetadata().getResourceVersion(), actions.updateStatus(toUpdate, hash));
                return;
            } catch (ActionException e) {
                if (attempt >= 1) {
                    throw e;
                }
            }
            String ns = ds.getMetadata().getNamespace();
            String name = ds.getMetadata().getName();
            toUpdate = copy(actions.getDaemonSet(ns, name)
                    .orElseThrow(() -> new ActionException(
                            ActionException.Kind.NOT_FOUND, "daemonsets.apps \"" + name + "\" not found")));
        }
    }

    private static DaemonSet copy(DaemonSet ds) {
        return Json.MAPPER.convertValue(ds, DaemonSet.class);
    }

    private static Exception aggregate(List<ActionException> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        RuntimeException all = new RuntimeException(
                errors.size() + " errors; first: " + errors.get(0).getMessage());
        errors.forEach(all::addSuppressed);
        return all;
    }

    /** The earliest requested re-look. */
    private static final class Requeue {
        private Duration delay;

        void after(Duration d) {
            if (delay == null || d.compareTo(delay) < 0) {
                delay = d;
            }
        }

        Optional<Duration> delay() {
            return Optional.ofNullable(delay);
        }
    }
}
