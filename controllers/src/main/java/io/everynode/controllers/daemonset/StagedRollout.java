package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.RolloutGuard;
import io.everynode.api.rollout.Stages;
import io.everynode.api.rollout.Stages.Stage;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E5.2–E5.5: where a staged rollout stands, decided from the pods and the one condition that
 * persists its progress. Pure: the caller passes the clock's instant.
 *
 * <p>E5.2 membership: stages take the nodes that should run the DaemonSet in order; stage k takes
 * the nodes its selector matches that no earlier stage took, updated nodes first and then by name
 * from the end of the alphabet (the order of {@link RolloutScope}'s partition, Kruise's), up to
 * its {@code maxNodes} less the nodes of earlier stages. A node no stage takes is never replaced.
 *
 * <p>E5.3 progression: stage k <em>updates</em> (its nodes and the earlier stages' may be
 * replaced) until every node of stages ≤ k runs an updated, available pod; it is then
 * <em>complete</em>, and the rollout <em>soaks</em> {@code soakSeconds} before stage k+1 starts.
 * After the last stage the rollout is complete. Several stages may complete in one sync when
 * their nodes are already updated and their soak is 0.
 *
 * <p>E5.4 persistence: the {@link #TYPE} condition in the DaemonSet's status holds the phase
 * (reason), the stage and the revision (message) and when the phase began (lastTransitionTime,
 * whole seconds as stored); a restarted controller or a new leader resumes from it. A condition
 * of another revision (a new template) or naming an unknown stage starts over at stage 1.
 *
 * <p>E5.5: while paused (E3.1), a stage may still complete but the next one does not start; it
 * starts at resume (when its soak is over).
 */
final class StagedRollout {
    static final String TYPE = "RolloutStage";
    static final String UPDATING = "StageUpdating";
    static final String SOAKING = "StageSoaking";
    static final String COMPLETE = "StagesComplete";
    static final String STARTED_EVENT = "StageStarted";
    static final String COMPLETED_EVENT = "StageCompleted";
    /** Added to the soak's exact end: the stored time is truncated to the second (as {@link RolloutProgress#MARGIN}). */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final Pattern STAGE_MESSAGE =
            Pattern.compile("^stage \"([^\"]+)\" \\(\\d+ of \\d+\\) of revision (\\S+) .*");
    private static final Pattern COMPLETE_MESSAGE = Pattern.compile("^all \\d+ stages of revision (\\S+) .*");

    enum Phase {
        UPDATING,
        SOAKING,
        COMPLETE
    }

    /** Where the rollout stands: {@code stage} is updating, or has completed and soaks, or (COMPLETE) was the last. */
    record State(Phase phase, int stage, Instant since) {}

    /**
     * @param members node → index of its stage (E5.2); nodes of no stage are absent
     * @param soakEnds while soaking: when the next stage may start
     * @param condition the {@link #TYPE} condition to store
     * @param events recorded once the condition is stored, when it changed
     * @param recheck when to look again (the soak's end)
     */
    record Outcome(
            List<Stage> stages,
            State state,
            Map<String, Integer> members,
            Optional<Instant> soakEnds,
            DaemonSetCondition condition,
            List<SyncPlan.Event> events,
            Optional<Duration> recheck) {
        /** The last stage whose nodes may be replaced now. */
        int scopeEnd() {
            return state.stage();
        }
    }

    private StagedRollout() {}

    /**
     * The outcome for a DaemonSet with stages (E5.1), from its pods grouped by node and the
     * condition as stored in {@code stored}'s status; empty when it has none.
     */
    static Optional<Outcome> of(
            DaemonSet ds,
            DaemonSet stored,
            List<Node> nodes,
            Map<String, List<Pod>> nodeToPods,
            String hash,
            Function<Node, NodeShouldRunDaemonPod.Decision> decide,
            Instant now) {
        List<Stage> stages = Stages.of(ds.getMetadata());
        if (stages.isEmpty()) {
            return Optional.empty();
        }
        String generation = PodFacts.templateGeneration(ds);
        int minReady = ManagePlanner.minReadySeconds(ds);
        List<Node> desired = new ArrayList<>();
        Set<String> updated = new HashSet<>();
        Set<String> done = new HashSet<>();
        for (Node n : nodes) {
            if (!decide.apply(n).shouldRun()) {
                continue;
            }
            desired.add(n);
            String name = n.getMetadata().getName();
            for (Pod p : nodeToPods.getOrDefault(name, List.of())) {
                if (PodFacts.terminating(p) || !PodFacts.updated(p, hash, generation)) {
                    continue;
                }
                updated.add(name);
                if (PodFacts.available(p, minReady, now)) {
                    done.add(name);
                }
            }
        }
        return Optional.of(decide(
                ds.getMetadata().getName(),
                stages,
                desired,
                updated,
                done,
                stored(stored).orElse(null),
                hash,
                RolloutGuard.paused(ds.getMetadata()),
                now));
    }

    /** The {@link #TYPE} condition of {@code ds}'s status. */
    static Optional<DaemonSetCondition> stored(DaemonSet ds) {
        if (ds.getStatus() == null || ds.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return ds.getStatus().getConditions().stream()
                .filter(c -> TYPE.equals(c.getType()))
                .findFirst();
    }

    /**
     * @param desired the nodes that should run the DaemonSet (R1.1)
     * @param updated nodes running a pod of the current revision
     * @param done nodes running an available pod of the current revision
     * @param stored the {@link #TYPE} condition as stored, or null
     */
    static Outcome decide(
            String name,
            List<Stage> stages,
            List<Node> desired,
            Set<String> updated,
            Set<String> done,
            DaemonSetCondition stored,
            String hash,
            boolean paused,
            Instant now) {
        Map<String, Integer> members = members(stages, desired, updated);
        Instant at = now.truncatedTo(ChronoUnit.SECONDS); // as stored, so a restored state decides alike
        State state = restore(stages, stored, hash).orElse(null);
        List<SyncPlan.Event> events = new ArrayList<>();
        if (state == null) {
            state = new State(Phase.UPDATING, 0, at);
            events.add(started(name, stages, 0, hash, members));
        }
        Optional<Instant> soakEnds = Optional.empty();
        Optional<Duration> recheck = Optional.empty();
        while (state.phase() != Phase.COMPLETE) {
            int k = state.stage();
            if (state.phase() == Phase.UPDATING) {
                if (!complete(members, k, done)) {
                    break;
                }
                events.add(completed(name, stages, k, hash, members));
                state = k == stages.size() - 1 ? new State(Phase.COMPLETE, k, at) : new State(Phase.SOAKING, k, at);
                continue;
            }
            Instant end = state.since().plusSeconds(stages.get(k).soakSeconds());
            if (now.isBefore(end)) {
                soakEnds = Optional.of(end);
                recheck = Optional.of(Duration.between(now, end).plus(MARGIN));
                break;
            }
            if (paused) {
                soakEnds = Optional.of(end);
                break;
            }
            state = new State(Phase.UPDATING, k + 1, at);
            events.add(started(name, stages, k + 1, hash, members));
        }
        return new Outcome(
                stages,
                state,
                members,
                soakEnds,
                condition(stages, state, hash, soakEnds),
                List.copyOf(events),
                recheck);
    }

    /** E5.2: node → stage index. */
    static Map<String, Integer> members(List<Stage> stages, List<Node> desired, Set<String> updated) {
        List<Node> ordered = new ArrayList<>(desired);
        ordered.sort(Comparator.comparing(
                        (Node n) -> !updated.contains(n.getMetadata().getName()))
                .thenComparing(n -> n.getMetadata().getName(), Comparator.reverseOrder()));
        Map<String, Integer> out = new HashMap<>();
        for (int k = 0; k < stages.size(); k++) {
            Stage stage = stages.get(k);
            Optional<Integer> cap = stage.cap(desired.size());
            for (Node n : ordered) {
                if (cap.isPresent() && out.size() >= cap.get()) {
                    break;
                }
                String node = n.getMetadata().getName();
                if (!out.containsKey(node) && stage.selector().matches(labels(n))) {
                    out.put(node, k);
                }
            }
        }
        return out;
    }

    /** E5.4: the state the stored condition records, if it is of this revision and names a known stage. */
    static Optional<State> restore(List<Stage> stages, DaemonSetCondition c, String hash) {
        if (c == null || c.getMessage() == null || c.getReason() == null) {
            return Optional.empty();
        }
        Optional<Instant> since = PodFacts.instant(c.getLastTransitionTime());
        if (since.isEmpty()) {
            return Optional.empty();
        }
        if (COMPLETE.equals(c.getReason())) {
            Matcher m = COMPLETE_MESSAGE.matcher(c.getMessage());
            return m.matches() && m.group(1).equals(hash)
                    ? Optional.of(new State(Phase.COMPLETE, stages.size() - 1, since.get()))
                    : Optional.empty();
        }
        Matcher m = STAGE_MESSAGE.matcher(c.getMessage());
        if (!m.matches() || !m.group(2).equals(hash)) {
            return Optional.empty();
        }
        int k = Stages.indexOf(stages, m.group(1));
        if (k < 0) {
            return Optional.empty();
        }
        if (UPDATING.equals(c.getReason())) {
            return Optional.of(new State(Phase.UPDATING, k, since.get()));
        }
        if (SOAKING.equals(c.getReason()) && k < stages.size() - 1) {
            return Optional.of(new State(Phase.SOAKING, k, since.get()));
        }
        return Optional.empty();
    }

    private static boolean complete(Map<String, Integer> members, int k, Set<String> done) {
        for (Map.Entry<String, Integer> e : members.entrySet()) {
            if (e.getValue() <= k && !done.contains(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    static DaemonSetCondition condition(List<Stage> stages, State s, String hash, Optional<Instant> soakEnds) {
        DaemonSetCondition c = new DaemonSetCondition();
        c.setType(TYPE);
        c.setStatus("True");
        c.setLastTransitionTime(s.since().truncatedTo(ChronoUnit.SECONDS).toString());
        switch (s.phase()) {
            case UPDATING -> {
                c.setReason(UPDATING);
                c.setMessage("stage " + Stages.label(stages, s.stage()) + " of revision " + hash + " is updating");
            }
            case SOAKING -> {
                c.setReason(SOAKING);
                Instant end = s.since().plusSeconds(stages.get(s.stage()).soakSeconds());
                c.setMessage("stage " + Stages.label(stages, s.stage()) + " of revision " + hash
                        + " completed; stage \"" + stages.get(s.stage() + 1).name() + "\" starts after "
                        + end);
            }
            case COMPLETE -> {
                c.setReason(COMPLETE);
                c.setMessage("all " + stages.size() + " stages of revision " + hash + " completed");
            }
        }
        return c;
    }

    private static SyncPlan.Event started(
            String name, List<Stage> stages, int k, String hash, Map<String, Integer> members) {
        return new SyncPlan.Event(
                "Normal",
                STARTED_EVENT,
                "DaemonSet \"" + name + "\": stage " + Stages.label(stages, k) + " of revision " + hash + " started: "
                        + nodes(count(members, k)) + " may run the new revision");
    }

    private static SyncPlan.Event completed(
            String name, List<Stage> stages, int k, String hash, Map<String, Integer> members) {
        String next = k == stages.size() - 1
                ? "the rollout is complete"
                : "stage \"" + stages.get(k + 1).name() + "\" starts after a soak of "
                        + stages.get(k).soakSeconds() + "s";
        return new SyncPlan.Event(
                "Normal",
                COMPLETED_EVENT,
                "DaemonSet \"" + name + "\": stage " + Stages.label(stages, k) + " of revision " + hash + " completed: "
                        + nodes(count(members, k)) + " run the new revision; " + next);
    }

    private static String nodes(long n) {
        return n + (n == 1 ? " node" : " nodes");
    }

    /** The nodes of stages ≤ k. */
    private static long count(Map<String, Integer> members, int k) {
        return members.values().stream().filter(i -> i <= k).count();
    }

    private static Map<String, String> labels(Node n) {
        return n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
    }
}
