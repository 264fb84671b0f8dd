package io.everynode.advisor.plan;

import io.everynode.advisor.why.Answer;
import io.everynode.advisor.why.PlacementAnswers;
import io.everynode.api.qos.Resources;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
        int fitting = 0;
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
            fitting++;
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
        return new Plan(id, in.existing() != null, answers, groups(answers), label, poolList, estimate(in, fitting));
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
     */
    private static Plan.Estimate estimate(PlanInput in, int nodes) {
        DaemonSet ds = in.proposed();
        Plan.StartTime basis = StartTimes.observe(in.existing(), in.pods());
        int minReady =
                ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Duration perWave = basis.perPod().plusSeconds(minReady);
        Duration lastSlot = null;
        UpdateBudget budget = UpdateBudget.of(ds, nodes);
        var strategy = ds.getSpec().getUpdateStrategy();
        boolean onDelete = strategy != null && "OnDelete".equals(strategy.getType());
        String kind;
        int waves;
        Duration total;
        if (in.existing() == null) {
            kind = "create";
            waves = nodes == 0 ? 0 : 1;
            total = perWave.multipliedBy(waves);
        } else if (onDelete) {
            kind = "on-delete";
            waves = 0;
            total = Duration.ZERO;
        } else {
            kind = "update";
            int inFlight = Math.max(1, budget.maxUnavailable() + budget.maxSurge());
            waves = (nodes + inFlight - 1) / inFlight;
            total = perWave.multipliedBy(waves);
            lastSlot = RolloutPace.slot(in.existing(), StartTimes.own(in.existing(), in.pods()), nodes)
                    .orElse(null);
            if (lastSlot != null && nodes > inFlight) {
                long after = Math.round((double) lastSlot.toMillis() * (nodes - inFlight) / inFlight);
                total = perWave.plusMillis(after);
            }
        }
        return new Plan.Estimate(
                kind,
                nodes,
                budget.maxUnavailable(),
                budget.maxSurge(),
                waves,
                perWave,
                total,
                basis,
                minReady,
                lastSlot);
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
