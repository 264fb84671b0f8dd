package io.everynode.advisor.plan;

import io.everynode.advisor.why.Answer;
import io.everynode.advisor.why.PlacementAnswers;
import io.everynode.advisor.why.Reason;
import io.everynode.api.qos.Resources;
import io.everynode.api.rollout.Stages;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.everynode.controllers.daemonset.RolloutSteps;
import io.everynode.controllers.daemonset.UpdateBudget;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides a {@link Plan} from a {@link PlanInput} alone. Placement is {@code why}'s own answer
 * ({@link PlacementAnswers}: the controller's NodeShouldRunDaemonPod, R1.2–R1.6, then the
 * scheduler's NodeResourcesFit, R1.8), judged against the node's pods without the pods of the
 * DaemonSet being replaced; the rollout budget is the controller's {@link UpdateBudget} (R5.2).
 */
public final class Planner {
    /** How many node names a group lists in text; JSON lists all. */
    public static final int NAMES_SHOWN = 5;

    public Plan plan(PlanInput in) {
        DaemonSet ds = in.proposed();
        String replacedUid =
                in.existing() == null ? null : in.existing().getMetadata().getUid();
        Pod simulated = new PodBuilder()
                .withNewMetadata()
                .withName(ds.getMetadata().getName() + " (to create)")
                .endMetadata()
                .withSpec(ds.getSpec().getTemplate().getSpec())
                .build();
        Plan.Amount perPod = new Plan.Amount(
                Resources.podCpuMillis(simulated.getSpec()), Resources.podMemoryBytes(simulated.getSpec()));
        String label = Pools.label(in.poolLabel(), in.nodes());
        Map<String, PoolSums> pools = new TreeMap<>();
        List<Answer> answers = new ArrayList<>();
        Set<String> fitting = new TreeSet<>();
        for (Node node : sorted(in.nodes())) {
            String name = node.getMetadata().getName();
            List<Pod> onNode = podsOn(in.pods(), name, replacedUid);
            PoolSums pool = pools.computeIfAbsent(Pools.of(label, node), k -> new PoolSums());
            pool.nodes++;
            pool.allocatable = pool.allocatable.plus(allocatable(node));
            for (Pod p : onNode) {
                pool.used = pool.used.plus(
                        new Plan.Amount(Resources.podCpuMillis(p.getSpec()), Resources.podMemoryBytes(p.getSpec())));
            }
            Optional<Answer> not = PlacementAnswers.shouldNotRun(node, ds);
            if (not.isPresent()) {
                answers.add(not.get());
                continue;
            }
            Optional<Answer> cannot = PlacementAnswers.cannotFit(node, simulated, onNode);
            if (cannot.isPresent()) {
                answers.add(cannot.get());
                pool.cannotFit.add(name);
                continue;
            }
            fitting.add(name);
            pool.podNodes++;
            answers.add(new Answer(name, null, null, "gets a pod", null, List.of()));
        }
        List<Plan.Pool> poolList = new ArrayList<>();
        pools.forEach((name, s) -> {
            Plan.Amount takes = perPod.times(s.podNodes);
            poolList.add(new Plan.Pool(
                    name,
                    s.nodes,
                    s.podNodes,
                    takes,
                    s.allocatable,
                    s.used,
                    s.allocatable.minus(s.used).minus(takes),
                    s.cannotFit));
        });
        String id = ds.getMetadata().getNamespace() + "/" + ds.getMetadata().getName();
        RolloutSteps.Outline outline = in.existing() == null
                ? new RolloutSteps.Outline(List.of(), Map.of())
                : RolloutSteps.of(ds, in.nodes(), StartTimes.own(in.existing(), in.pods()));
        return new Plan(
                id,
                in.existing() != null,
                answers,
                groups(answers),
                label,
                poolList,
                estimate(in, fitting, outline),
                held(outline.held(), fitting));
    }

    /** The verdict word of an answer: why's, or {@link Plan#GETS_POD}. */
    public static String verdict(Answer a) {
        return a.verdict() == null ? Plan.GETS_POD : a.verdict().word();
    }

    /** The reason code of an answer: why's, or {@link Plan#FITS}. */
    public static String reason(Answer a) {
        return a.reason() == null ? Plan.FITS : a.reason().code();
    }

    private static List<Plan.Group> groups(List<Answer> answers) {
        Map<String, List<Answer>> byReason = new LinkedHashMap<>();
        answers.stream()
                .sorted(Comparator.comparing((Answer a) ->
                                a.verdict() == null ? -1 : a.verdict().ordinal())
                        .thenComparing(Planner::reason))
                .forEach(a -> byReason.computeIfAbsent(verdict(a) + " " + reason(a), k -> new ArrayList<>())
                        .add(a));
        List<Plan.Group> out = new ArrayList<>();
        byReason.values()
                .forEach(as -> out.add(new Plan.Group(
                        verdict(as.get(0)),
                        reason(as.get(0)),
                        as.get(0).message(),
                        as.stream().map(Answer::node).sorted().toList())));
        return out;
    }

    /**
     * Waves of maxUnavailable + maxSurge nodes (R5.4, R5.5: each wave replaces that many pods at
     * once), each the observed start time plus minReadySeconds (R5.6); a first create is one wave.
     *
     * <p>When the existing DaemonSet's last rollout tells its pace ({@link RolloutPace}: one
     * replacement, the old pod going included, took a slot), an update is timed as the controller
     * runs it: not in lock-step waves but with the budget's replacements always in flight (R5.2
     * recomputes it at every sync), so the pods after the first wave are created at budget ÷ slot,
     * and the last one created then takes its start time and minReadySeconds to be available.
     *
     * <p>An update follows the controller's own steps ({@link RolloutSteps}): the nodes a
     * partition (E4.1), update selector (E4.2) or stage (E5.3) holds are left out; a staged
     * rollout is timed stage by stage under the fleet-wide budget, each followed by its soak.
     */
    private static Plan.Estimate estimate(PlanInput in, Set<String> fitting, RolloutSteps.Outline outline) {
        DaemonSet ds = in.proposed();
        int nodes = fitting.size();
        Plan.StartTime basis = StartTimes.observe(in.existing(), in.pods());
        int minReady =
                ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Duration perWave = basis.perPod().plusSeconds(minReady);
        UpdateBudget budget = UpdateBudget.of(ds, nodes);
        int inFlight = Math.max(1, budget.maxUnavailable() + budget.maxSurge());
        var strategy = ds.getSpec().getUpdateStrategy();
        boolean onDelete = strategy != null && "OnDelete".equals(strategy.getType());
        if (in.existing() == null) {
            int waves = nodes == 0 ? 0 : 1;
            return new Plan.Estimate(
                    "create",
                    nodes,
                    budget.maxUnavailable(),
                    budget.maxSurge(),
                    waves,
                    perWave,
                    perWave.multipliedBy(waves),
                    basis,
                    minReady,
                    null,
                    List.of(),
                    0,
                    null,
                    null);
        }
        if (onDelete) {
            return new Plan.Estimate(
                    "on-delete",
                    nodes,
                    budget.maxUnavailable(),
                    budget.maxSurge(),
                    0,
                    perWave,
                    Duration.ZERO,
                    basis,
                    minReady,
                    null,
                    List.of(),
                    0,
                    null,
                    null);
        }
        List<Pod> own = StartTimes.own(in.existing(), in.pods());
        Duration lastSlot =
                RolloutPace.slot(in.existing(), paceSample(in, own), nodes).orElse(null);
        Pace pace = new Pace(perWave, lastSlot, inFlight);
        int heldCount =
                (int) outline.held().keySet().stream().filter(fitting::contains).count();
        String paused = DaemonSetFacts.pause(ds).orElse(null);
        List<Plan.StageEstimate> stages = new ArrayList<>();
        int updating = nodes - heldCount;
        int waves;
        Duration total;
        String stopsAt = null;
        if (outline.steps().size() == 1 && outline.steps().get(0).stage() == null) {
            waves = pace.waves(updating);
            total = pace.time(updating);
        } else {
            // Nodes without an old pod get theirs at once (R2.4): counted in the first stage.
            Set<String> withOldPod = new HashSet<>();
            own.forEach(p -> withOldPod.add(DaemonSetFacts.targetNode(p)));
            int fresh =
                    (int) fitting.stream().filter(n -> !withOldPod.contains(n)).count();
            waves = 0;
            total = Duration.ZERO;
            for (RolloutSteps.Step step : outline.steps()) {
                int m = (int) step.replaced().stream().filter(fitting::contains).count()
                        + (stages.isEmpty() ? fresh : 0);
                int soak = step.completes() ? step.soakSeconds() : 0;
                Duration time = pace.time(m);
                stages.add(new Plan.StageEstimate(step.stage(), m, pace.waves(m), time, soak, step.completes()));
                waves += pace.waves(m);
                total = total.plus(time).plus(soak == 0 ? Duration.ZERO : SOAK_LATE.plusSeconds(soak));
                if (!step.completes()) stopsAt = step.stage();
            }
        }
        return new Plan.Estimate(
                "update",
                updating,
                budget.maxUnavailable(),
                budget.maxSurge(),
                waves,
                perWave,
                total,
                basis,
                minReady,
                lastSlot,
                stages,
                heldCount,
                stopsAt,
                paused);
    }

    /**
     * How late a stage after a soak starts, on average: the controller keeps the stage's start in
     * whole seconds and looks again a second after the soak's end (E5.4; StagedRollout's margin),
     * so the next stage starts 0 to 1 s after the soak.
     */
    static final Duration SOAK_LATE = Duration.ofMillis(500);

    /**
     * The pods the last rollout's pace is read from: all the existing DaemonSet's own, or, when
     * its last rollout was staged (E5.1), those of its largest stage: soaks between stages are no
     * replacements and would stretch the pace.
     */
    private static List<Pod> paceSample(PlanInput in, List<Pod> own) {
        if (Stages.of(in.existing().getMetadata()).isEmpty()) return own;
        List<String> largest = RolloutSteps.of(in.existing(), in.nodes(), own).steps().stream()
                .map(RolloutSteps.Step::replaced)
                .max(Comparator.comparingInt(List::size))
                .orElse(List.of());
        Set<String> stageNodes = new HashSet<>(largest);
        return own.stream()
                .filter(p -> stageNodes.contains(DaemonSetFacts.targetNode(p)))
                .toList();
    }

    /** The time of replacing {@code n} nodes, {@code inFlight} at a time: lock-step waves, or the last rollout's pipeline. */
    private record Pace(Duration perWave, Duration lastSlot, int inFlight) {
        int waves(int n) {
            return (n + inFlight - 1) / inFlight;
        }

        Duration time(int n) {
            if (lastSlot != null && n > inFlight) {
                return perWave.plusMillis(Math.round((double) lastSlot.toMillis() * (n - inFlight) / inFlight));
            }
            return perWave.multipliedBy(waves(n));
        }
    }

    /** The held nodes that get a pod, grouped by reason and message. */
    private static List<Plan.Held> held(Map<String, DaemonSetFacts.Hold> held, Set<String> fitting) {
        Map<String, Plan.Held> out = new LinkedHashMap<>();
        Map<String, List<String>> nodes = new LinkedHashMap<>();
        Map<String, DaemonSetFacts.Hold> byKey = new LinkedHashMap<>();
        held.forEach((node, h) -> {
            if (!fitting.contains(node)) return;
            String key = h.kind() + " " + h.message();
            byKey.putIfAbsent(key, h);
            nodes.computeIfAbsent(key, k -> new ArrayList<>()).add(node);
        });
        byKey.forEach((key, h) -> out.put(
                key,
                new Plan.Held(
                        Reason.valueOf(h.kind().name()).code(),
                        h.message(),
                        nodes.get(key).stream().sorted().toList())));
        return List.copyOf(out.values());
    }

    private static List<Node> sorted(List<Node> nodes) {
        return nodes.stream()
                .sorted(Comparator.comparing(n -> n.getMetadata().getName()))
                .toList();
    }

    /** Non-terminal pods bound to the node, without those of the DaemonSet being replaced. */
    private static List<Pod> podsOn(List<Pod> pods, String node, String replacedUid) {
        return pods.stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> p.getStatus() == null
                        || !("Failed".equals(p.getStatus().getPhase())
                                || "Succeeded".equals(p.getStatus().getPhase())))
                .filter(p -> replacedUid == null || !controlledBy(p, replacedUid))
                .toList();
    }

    private static boolean controlledBy(Pod p, String uid) {
        List<OwnerReference> refs = p.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && uid.equals(r.getUid()));
    }

    private static Plan.Amount allocatable(Node node) {
        Map<String, Quantity> a =
                node.getStatus() == null ? null : node.getStatus().getAllocatable();
        if (a == null) return Plan.Amount.ZERO;
        long cpu = a.get("cpu") == null ? 0 : Resources.cpuMillis(a.get("cpu"));
        long mem = a.get("memory") == null ? 0 : Resources.bytes(a.get("memory"));
        return new Plan.Amount(cpu, mem);
    }

    private static final class PoolSums {
        int nodes;
        int podNodes;
        Plan.Amount allocatable = Plan.Amount.ZERO;
        Plan.Amount used = Plan.Amount.ZERO;
        final List<String> cannotFit = new ArrayList<>();
    }
}
