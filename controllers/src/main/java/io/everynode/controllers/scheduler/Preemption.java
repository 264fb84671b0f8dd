package io.everynode.controllers.scheduler;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * R8.4: for a pod that fits nowhere, find a node where deleting strictly-lower-priority pods makes
 * it fit. Only nodes turned down for a resolvable reason (resources, ports) are candidates; a
 * daemon pod's affinity rules out every node but its own, so only that node is tried.
 *
 * <p>Victims on a node: remove every lower-priority pod; if the pod then fits, add them back most
 * important first (higher priority, then earlier start) while it still fits; the ones that do not
 * fit back are the victims. Among candidate nodes the winner has the lowest highest-victim
 * priority, then the fewest victims, then the lowest sum of victim priorities, then the first
 * name. PodDisruptionBudgets are not consulted.
 */
final class Preemption {
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    static final String POLICY_NEVER = "not eligible due to preemptionPolicy=Never.";
    static final String TERMINATING_ON_NOMINATED = "not eligible due to a terminating pod on the nominated node.";

    record Candidate(String node, List<Pod> victims) {
        int highestPriority() {
            return victims.stream().mapToInt(PodFacts::priority).max().orElse(Integer.MIN_VALUE);
        }

        long prioritySum() {
            return victims.stream().mapToLong(PodFacts::priority).sum();
        }
    }

    /** Either a chosen candidate, or the reason preemption did not help (the text after "preemption: "). */
    record Outcome(Optional<Candidate> chosen, String message) {}

    static final Comparator<Candidate> BEST_FIRST = Comparator.comparingInt(Candidate::highestPriority)
            .thenComparingInt(c -> c.victims().size())
            .thenComparingLong(Candidate::prioritySum)
            .thenComparing(Candidate::node);

    private final Filters filters;

    Preemption(Filters filters) {
        this.filters = filters;
    }

    /** {@code rejections} holds every node of {@code nodes} (none was feasible). */
    Outcome evaluate(Pod pod, List<NodeInfo> nodes, Map<String, Rejection> rejections) {
        if (PodFacts.preemptionPolicy(pod).equals("Never")) {
            return new Outcome(Optional.empty(), POLICY_NEVER);
        }
        if (terminatingVictimOnNominatedNode(pod, nodes, rejections)) {
            return new Outcome(Optional.empty(), TERMINATING_ON_NOMINATED);
        }
        List<Candidate> candidates = new ArrayList<>();
        List<List<String>> reasons = new ArrayList<>();
        for (NodeInfo node : nodes) {
            Rejection r = rejections.get(node.name());
            if (r == null || !r.resolvable()) {
                reasons.add(List.of(NOT_HELPFUL));
                continue;
            }
            Optional<List<Pod>> victims = victims(pod, node);
            if (victims.isEmpty()) {
                reasons.add(List.of(NO_VICTIMS));
            } else {
                candidates.add(new Candidate(node.name(), victims.get()));
            }
        }
        if (candidates.isEmpty()) {
            return new Outcome(Optional.empty(), FitMessage.format(nodes.size(), reasons));
        }
        return new Outcome(candidates.stream().min(BEST_FIRST), "");
    }

    /** The fewest, least important strictly-lower-priority pods whose removal lets the pod fit. */
    Optional<List<Pod>> victims(Pod pod, NodeInfo node) {
        int priority = PodFacts.priority(pod);
        List<Pod> lower = new ArrayList<>();
        for (Pod p : node.pods()) {
            if (PodFacts.priority(p) < priority) {
                lower.add(p);
            }
        }
        if (lower.isEmpty()) {
            return Optional.empty();
        }
        NodeInfo current = node.withoutPods(lower);
        if (filters.check(pod, current).isPresent()) {
            return Optional.empty();
        }
        lower.sort(Comparator.comparingInt((Pod p) -> -PodFacts.priority(p))
                .thenComparing(PodFacts::started)
                .thenComparing(Pods::key));
        List<Pod> victims = new ArrayList<>();
        for (Pod p : lower) {
            NodeInfo trial = current.withPod(p);
            if (filters.check(pod, trial).isEmpty()) {
                current = trial;
            } else {
                victims.add(p);
            }
        }
        return victims.isEmpty() ? Optional.empty() : Optional.of(victims);
    }

    /**
     * Upstream waits rather than preempting again while a lower-priority pod on the node the pod
     * was nominated to is still terminating (its room is on the way).
     */
    private static boolean terminatingVictimOnNominatedNode(
            Pod pod, List<NodeInfo> nodes, Map<String, Rejection> rejections) {
        String nominated = PodFacts.nominatedNode(pod);
        if (nominated.isEmpty()) {
            return false;
        }
        Rejection r = rejections.get(nominated);
        if (r != null && !r.resolvable()) {
            return false;
        }
        for (NodeInfo n : nodes) {
            if (n.name().equals(nominated)) {
                return n.pods().stream()
                        .anyMatch(p -> PodFacts.terminating(p) && PodFacts.priority(p) < PodFacts.priority(pod));
            }
        }
        return false;
    }
}
