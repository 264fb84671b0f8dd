package io.everynode.controllers.scheduler;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

/**
 * The scheduler: places pending pods on nodes as kube-scheduler does for what Everynode serves
 * (filters, least-requested/balanced scoring, priority queue with back-off, preemption R8.4).
 *
 * <p>Threading: not thread-safe. One scheduling thread calls everything, event handlers included
 * (the wiring hands informer events to that thread). Call {@link #scheduleNext()} until it returns
 * empty, then wait until {@link #nextAttemptAt()} or the next event.
 *
 * <p>Each attempt decides first ({@link #decide(Pod)}: plain data), then acts through
 * {@link SchedulerActions}. A pod chosen for a node is "assumed" there at once, before its binding
 * is written, and stays assumed until the cache shows the binding, so the next pod already sees
 * its requests and ports.
 *
 * <p>Binding cycle (as upstream's): the binding write and its {@code Scheduled} event run on the
 * injected binder executor, so the scheduling thread goes on to the next pod while the store
 * commits. A binder thread only calls {@link SchedulerActions} and hands the outcome back through
 * a concurrent queue; the scheduling thread applies it at its next {@link #scheduleNext()} (the
 * {@code bindFinished} callback asks the wiring for one). A failed bind forgets the assumption and
 * backs the pod off; until the outcome is applied the pod stays in flight in the queue, so its
 * own updates do not send it round again. With a direct executor ({@code Runnable::run}) binding
 * is synchronous, as the four-argument constructor sets up.
 */
public final class Scheduler {
    public static final String REASON_SCHEDULED = "Scheduled";
    public static final String REASON_FAILED_SCHEDULING = "FailedScheduling";
    public static final String REASON_PREEMPTED = "Preempted";
    public static final String CONDITION_POD_SCHEDULED = "PodScheduled";
    public static final String CONDITION_DISRUPTION_TARGET = "DisruptionTarget";
    public static final String REASON_UNSCHEDULABLE = "Unschedulable";
    public static final String REASON_PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";

    /** One attempt: the pod as popped and what was decided for it. */
    public record Attempt(Pod pod, SchedulingDecision decision) {}

    private final SchedulerConfig config;
    private final SchedulerWorld world;
    private final SchedulerActions actions;
    private final Clock clock;
    private final Filters filters = new Filters(Filters.DEFAULT);
    private final Preemption preemption = new Preemption(filters);
    private final SchedulingQueue queue;
    /** Pods with spec.nodeName set, until the cache shows them bound or they are deleted. */
    private final AssumedPods assumed = new AssumedPods();

    private final Executor binder;
    private final Runnable bindFinished;
    /** Binding outcomes written by binder threads, applied by the scheduling thread. */
    private final ConcurrentLinkedQueue<BindOutcome> outcomes = new ConcurrentLinkedQueue<>();

    /** The outcome of one binding cycle; {@code assumedPod} identifies the assumption it ends. */
    private record BindOutcome(String key, Pod assumedPod, boolean bound) {}

    /** A scheduler that binds on the scheduling thread, one pod after another. */
    public Scheduler(SchedulerConfig config, SchedulerWorld world, SchedulerActions actions, Clock clock) {
        this(config, world, actions, clock, Runnable::run, () -> {});
    }

    /**
     * @param binder where binding cycles run (a bounded pool in the wiring)
     * @param bindFinished called on the binder thread after each outcome is queued: the wiring
     *     schedules a {@link #scheduleNext()} on the scheduling thread to apply it
     */
    public Scheduler(
            SchedulerConfig config,
            SchedulerWorld world,
            SchedulerActions actions,
            Clock clock,
            Executor binder,
            Runnable bindFinished) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
        this.binder = binder;
        this.bindFinished = bindFinished;
        this.queue = new SchedulingQueue(config, clock);
    }

    /** Pod add or update. Pending pods of ours are queued; a change to a bound pod may free room. */
    public void onPodChange(Pod pod) {
        String key = Pods.key(pod);
        if (pending(pod)) {
            queue.addOrUpdate(pod);
            return;
        }
        queue.delete(key);
        if (!PodFacts.nodeName(pod).isEmpty()) {
            assumed.remove(key); // the cache shows the binding now
            queue.moveAllToActiveOrBackoff();
        }
    }

    public void onPodDelete(Pod pod) {
        String key = Pods.key(pod);
        queue.delete(key);
        boolean hadRoom = assumed.remove(key) || !PodFacts.nodeName(pod).isEmpty();
        if (hadRoom) {
            queue.moveAllToActiveOrBackoff();
        }
    }

    /** Node add, update or delete: parked pods may fit now. */
    public void onNodeChange() {
        queue.moveAllToActiveOrBackoff();
    }

    /** Tries the next ready pod, if any. */
    public Optional<Attempt> scheduleNext() {
        applyBindOutcomes();
        while (true) {
            Optional<Pod> popped = queue.pop();
            if (popped.isEmpty()) {
                return Optional.empty();
            }
            Pod queued = popped.get();
            Optional<Pod> current = world.pod(
                    queued.getMetadata().getNamespace(), queued.getMetadata().getName());
            Pod pod = current.orElse(queued);
            if (!pending(pod) || assumed.contains(Pods.key(pod))) {
                queue.done(Pods.key(pod));
                continue;
            }
            SchedulingDecision decision = decide(pod);
            act(pod, decision);
            return Optional.of(new Attempt(pod, decision));
        }
    }

    /** When {@link #scheduleNext()} will next have a pod to try; empty when nothing is pending. */
    public Optional<Instant> nextAttemptAt() {
        return queue.nextReadyAt();
    }

    /** The plan for one pod against the current caches plus assumed pods. Acts on nothing. */
    public SchedulingDecision decide(Pod pod) {
        // Fast path: a pod whose required affinity names its nodes (every daemon pod, R2.1) can
        // only fit those, so only they are looked at. When none fits, the full pass below runs,
        // so the failure message and preemption see every node as before.
        Optional<Set<String>> named = RequiredNodeNames.of(pod);
        if (named.isPresent()) {
            List<NodeInfo> feasible = new ArrayList<>();
            for (NodeInfo node : snapshot(pod, named.get())) {
                if (filters.check(pod, node).isEmpty()) feasible.add(node);
            }
            if (!feasible.isEmpty()) {
                return new SchedulingDecision.Bind(
                        NodeScorer.best(pod, feasible).name());
            }
        }
        List<NodeInfo> nodes = snapshot(pod);
        Map<String, Rejection> rejections = new LinkedHashMap<>();
        List<NodeInfo> feasible = new ArrayList<>();
        for (NodeInfo node : nodes) {
            filters.check(pod, node).ifPresentOrElse(r -> rejections.put(node.name(), r), () -> feasible.add(node));
        }
        if (!feasible.isEmpty()) {
            return new SchedulingDecision.Bind(NodeScorer.best(pod, feasible).name());
        }
        String fit = FitMessage.format(
                nodes.size(),
                rejections.values().stream().map(Rejection::reasons).toList());
        if (nodes.isEmpty()) {
            return new SchedulingDecision.Unschedulable(fit);
        }
        Preemption.Outcome outcome = preemption.evaluate(pod, nodes, rejections);
        if (outcome.chosen().isPresent()) {
            Preemption.Candidate c = outcome.chosen().get();
            return new SchedulingDecision.Preempt(c.node(), c.victims(), fit);
        }
        return new SchedulingDecision.Unschedulable(FitMessage.withPreemption(fit, outcome.message()));
    }

    private void act(Pod pod, SchedulingDecision decision) {
        String key = Pods.key(pod);
        try {
            if (decision instanceof SchedulingDecision.Bind b) {
                Pod assumedPod = new PodBuilder(pod)
                        .editSpec()
                        .withNodeName(b.node())
                        .endSpec()
                        .build();
                assumed.put(key, assumedPod);
                try {
                    binder.execute(() -> bindingCycle(key, pod, assumedPod, b.node()));
                } catch (RuntimeException e) { // rejected: the pool is shut down
                    assumed.remove(key);
                    throw e;
                }
                applyBindOutcomes(); // a direct binder has finished already
            } else if (decision instanceof SchedulingDecision.Preempt p) {
                if (!p.node().equals(PodFacts.nominatedNode(pod))) {
                    actions.setNominatedNode(pod, p.node());
                }
                for (Pod victim : p.victims()) {
                    preemptVictim(pod, victim, p.node());
                }
                unschedulable(pod, p.message());
            } else if (decision instanceof SchedulingDecision.Unschedulable u) {
                if (!PodFacts.nominatedNode(pod).isEmpty()) {
                    actions.setNominatedNode(pod, "");
                }
                unschedulable(pod, u.message());
            }
        } catch (RuntimeException e) {
            // The write failed; retry the pod after its back-off. Its status may be stale meanwhile.
            queue.failed(key);
        }
    }

    /** On a binder thread: the binding write, then its event; touches no scheduler state but the outcome queue. */
    private void bindingCycle(String key, Pod pod, Pod assumedPod, String node) {
        boolean bound;
        try {
            actions.bind(pod, node);
            bound = true;
        } catch (RuntimeException e) {
            bound = false;
        }
        if (bound) {
            try {
                actions.recordEvent(
                        pod,
                        "Normal",
                        REASON_SCHEDULED,
                        "Successfully assigned " + pod.getMetadata().getNamespace() + "/"
                                + pod.getMetadata().getName() + " to " + node);
            } catch (RuntimeException e) {
                // an event is best effort; the binding stands
            }
        }
        outcomes.add(new BindOutcome(key, assumedPod, bound));
        bindFinished.run();
    }

    /**
     * Applies finished binding cycles. An outcome counts only while its assumption is the current
     * one: when the cache has shown the pod bound, or the pod was deleted (perhaps re-created under
     * the same name), the queue entry it refers to is already gone. A bound pod leaves the queue
     * but stays assumed until the cache shows it; a failed one is forgotten and backs off.
     */
    private void applyBindOutcomes() {
        for (BindOutcome o; (o = outcomes.poll()) != null; ) {
            if (assumed.get(o.key()) != o.assumedPod()) {
                continue;
            }
            if (o.bound()) {
                queue.done(o.key());
            } else {
                assumed.remove(o.key());
                queue.failed(o.key());
            }
        }
    }

    private void preemptVictim(Pod preemptor, Pod victim, String node) {
        String schedulerName = schedulerName(preemptor);
        actions.updatePodCondition(
                victim,
                condition(
                        CONDITION_DISRUPTION_TARGET,
                        "True",
                        REASON_PREEMPTION_BY_SCHEDULER,
                        schedulerName + ": preempting to accommodate a higher priority pod"));
        actions.deletePod(victim);
        String by = preemptor.getMetadata().getUid() != null
                ? preemptor.getMetadata().getUid()
                : Pods.key(preemptor);
        actions.recordEvent(victim, "Normal", REASON_PREEMPTED, "Preempted by pod " + by + " on node " + node);
    }

    private void unschedulable(Pod pod, String message) {
        PodCondition wanted = condition(CONDITION_POD_SCHEDULED, "False", REASON_UNSCHEDULABLE, message);
        if (!sameCondition(existing(pod, CONDITION_POD_SCHEDULED), wanted)) {
            actions.updatePodCondition(pod, wanted);
        }
        actions.recordEvent(pod, "Warning", REASON_FAILED_SCHEDULING, message);
        queue.failed(Pods.key(pod));
    }

    /** Node infos for every node: cached bound pods plus assumed pods, plus pods nominated there. */
    List<NodeInfo> snapshot(Pod forPod) {
        String self = Pods.key(forPod);
        int priority = PodFacts.priority(forPod);
        Map<String, List<Pod>> bound = new HashMap<>();
        Map<String, List<Pod>> nominated = new HashMap<>();
        Set<String> boundKeys = new HashSet<>();
        for (Pod p : world.pods()) {
            if (Pods.isTerminal(p)) {
                continue;
            }
            String node = PodFacts.nodeName(p);
            if (!node.isEmpty()) {
                bound.computeIfAbsent(node, k -> new ArrayList<>()).add(p);
                boundKeys.add(Pods.key(p));
            } else if (!PodFacts.nominatedNode(p).isEmpty()
                    && !Pods.key(p).equals(self)
                    && PodFacts.priority(p) >= priority
                    && !assumed.contains(Pods.key(p))) {
                nominated
                        .computeIfAbsent(PodFacts.nominatedNode(p), k -> new ArrayList<>())
                        .add(p);
            }
        }
        assumed.removeAll(boundKeys);
        for (Pod a : assumed.all()) {
            bound.computeIfAbsent(PodFacts.nodeName(a), k -> new ArrayList<>()).add(a);
        }
        List<Node> nodes = new ArrayList<>(world.nodes());
        nodes.sort(Comparator.comparing(n -> n.getMetadata().getName()));
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        for (Node n : nodes) {
            String name = n.getMetadata().getName();
            out.add(new NodeInfo(n, bound.getOrDefault(name, List.of()), nominated.getOrDefault(name, List.of())));
        }
        return out;
    }

    /**
     * Node infos for the named nodes only (sorted by name, missing ones skipped), built from the
     * per-node reads of the world: the same content {@link #snapshot(Pod)} gives those nodes.
     */
    List<NodeInfo> snapshot(Pod forPod, Set<String> names) {
        String self = Pods.key(forPod);
        int priority = PodFacts.priority(forPod);
        List<NodeInfo> out = new ArrayList<>(names.size());
        for (String name : names) {
            Optional<Node> node = world.node(name);
            if (node.isEmpty()) {
                continue;
            }
            List<Pod> bound = new ArrayList<>();
            for (Pod p : world.podsOn(name)) {
                if (Pods.isTerminal(p)) {
                    continue;
                }
                bound.add(p);
                assumed.remove(Pods.key(p));
            }
            bound.addAll(assumed.on(name));
            List<Pod> nominated = new ArrayList<>();
            for (Pod p : world.nominatedTo(name)) {
                if (PodFacts.nodeName(p).isEmpty()
                        && !Pods.isTerminal(p)
                        && !Pods.key(p).equals(self)
                        && PodFacts.priority(p) >= priority
                        && !assumed.contains(Pods.key(p))) {
                    nominated.add(p);
                }
            }
            out.add(new NodeInfo(node.get(), bound, nominated));
        }
        return out;
    }

    private boolean pending(Pod pod) {
        return PodFacts.nodeName(pod).isEmpty()
                && !PodFacts.terminating(pod)
                && !Pods.isTerminal(pod)
                && schedulerName(pod).equals(config.schedulerName());
    }

    private static String schedulerName(Pod pod) {
        String s = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return s == null || s.isEmpty() ? SchedulerConfig.DEFAULT_SCHEDULER_NAME : s;
    }

    private PodCondition condition(String type, String status, String reason, String message) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withLastTransitionTime(clock.instant().toString())
                .build();
    }

    private static PodCondition existing(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElse(null);
    }

    private static boolean sameCondition(PodCondition a, PodCondition b) {
        return a != null
                && Objects.equals(a.getStatus(), b.getStatus())
                && Objects.equals(a.getReason(), b.getReason())
                && Objects.equals(a.getMessage(), b.getMessage());
    }
}
