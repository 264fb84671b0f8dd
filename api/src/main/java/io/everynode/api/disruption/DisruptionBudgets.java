package io.everynode.api.disruption;

import io.everynode.api.Pods;
import io.everynode.api.selector.Selector;
import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.util.List;
import java.util.Map;

/**
 * The disruption arithmetic of upstream's disruption controller, done on demand. The expected
 * pod count is the number of pods the budget selects (upstream asks their controllers' scale;
 * for DaemonSets, the usual owner here, that is the same number once the rollout is done).
 */
public final class DisruptionBudgets {
    private DisruptionBudgets() {}

    /** What a budget asks for and what it has, and how many pods may go now. */
    public record Health(int expected, int desiredHealthy, int currentHealthy) {
        public int disruptionsAllowed() {
            return Math.max(0, currentHealthy - desiredHealthy);
        }
    }

    /**
     * Whether the budget selects the pod: in policy/v1 an empty selector selects every pod of the
     * namespace and a missing one selects none.
     */
    public static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        LabelSelector selector = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
        if (selector == null) return false;
        Map<String, String> labels =
                pod.getMetadata() == null ? null : pod.getMetadata().getLabels();
        try {
            return Selector.from(selector).matches(labels);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The budget's health over {@code pods}, the namespace's pods (filtered here by its selector). */
    public static Health health(PodDisruptionBudget pdb, List<Pod> pods) {
        List<Pod> selected = pods.stream().filter(p -> selects(pdb, p)).toList();
        int expected = selected.size();
        int healthy = (int) selected.stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && Pods.isReady(p))
                .count();
        PodDisruptionBudgetSpec spec = pdb.getSpec();
        IntOrString maxUnavailable = spec == null ? null : spec.getMaxUnavailable();
        IntOrString minAvailable = spec == null ? null : spec.getMinAvailable();
        int desired;
        if (maxUnavailable != null) {
            desired = Math.max(0, expected - IntOrPercent.scaled(maxUnavailable, expected, true));
        } else if (minAvailable != null) {
            desired = IntOrPercent.isPercent(minAvailable)
                    ? IntOrPercent.scaled(minAvailable, expected, true)
                    : minAvailable.getIntVal();
        } else {
            desired = 0;
        }
        return new Health(expected, desired, healthy);
    }

    /**
     * Whether evicting {@code pod} keeps the budget: a ready pod needs a disruption allowed; an
     * unready one may go while the budget is met (policy IfHealthyBudget, the default), or always
     * (AlwaysAllow).
     */
    public static boolean allowsEviction(PodDisruptionBudget pdb, Pod pod, Health health) {
        if (!Pods.isReady(pod)) {
            String policy = pdb.getSpec() == null ? null : pdb.getSpec().getUnhealthyPodEvictionPolicy();
            return "AlwaysAllow".equals(policy) || health.currentHealthy() >= health.desiredHealthy();
        }
        return health.disruptionsAllowed() > 0;
    }

    /** Pods the eviction API deletes without consulting budgets: finished, pending, or going. */
    public static boolean ignoresBudgets(Pod pod) {
        String phase = Pods.phase(pod);
        return Pods.isTerminalPhase(phase)
                || "Pending".equals(phase)
                || (pod.getMetadata() != null && pod.getMetadata().getDeletionTimestamp() != null);
    }
}
