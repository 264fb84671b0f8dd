package io.everynode.advisor.plan;

import io.everynode.advisor.why.Answer;
import java.time.Duration;
import java.util.List;

/**
 * What applying a DaemonSet would do: one answer per node (in {@code why}'s words), the answers
 * grouped by reason, the node pools with requests and headroom, and the rollout estimate.
 *
 * @param daemonSet NAMESPACE/NAME
 * @param update true when a DaemonSet of that name exists (an update), false for a first create
 */
public record Plan(
        String daemonSet,
        boolean update,
        List<Answer> answers,
        List<Group> groups,
        String poolLabel,
        List<Pool> pools,
        Estimate estimate,
        List<Held> held) {
    public Plan {
        answers = List.copyOf(answers);
        groups = List.copyOf(groups);
        pools = List.copyOf(pools);
        held = List.copyOf(held);
    }

    /**
     * Nodes that get a pod but whose old-revision pod the rollout leaves in place, by one reason
     * and message (E4.1 partition, E4.2 update selector, E5.3 stage), in {@code why}'s words: the
     * reason is why's code ({@code Partition}, {@code UpdateSelector}, {@code Stage}), the message
     * the controller's.
     */
    public record Held(String reason, String message, List<String> nodes) {
        public Held {
            nodes = List.copyOf(nodes);
        }
    }

    /** The verdict word for a node that gets a pod (why's verdicts cover the others). */
    public static final String GETS_POD = "gets-pod";

    /** The reason code for a node that gets a pod. */
    public static final String FITS = "Fits";

    /** Nodes with one verdict and reason: how many, their names (in name order), the first one's message. */
    public record Group(String verdict, String reason, String message, List<String> nodes) {
        public Group {
            nodes = List.copyOf(nodes);
        }
    }

    /**
     * One node pool. Amounts are canonical: cpu in millicores, memory in bytes. {@code used} is what
     * the pool's pods already request, without the pods of the DaemonSet being replaced; {@code
     * headroom} is allocatable minus used minus this DaemonSet's requests (negative when short).
     */
    public record Pool(
            String name,
            int nodes,
            int podNodes,
            Amount requests,
            Amount allocatable,
            Amount used,
            Amount headroom,
            List<String> cannotFit) {
        public Pool {
            cannotFit = List.copyOf(cannotFit);
        }
    }

    /** cpu in millicores, memory in bytes. */
    public record Amount(long cpuMillis, long memoryBytes) {
        static final Amount ZERO = new Amount(0, 0);

        Amount plus(Amount o) {
            return new Amount(cpuMillis + o.cpuMillis, memoryBytes + o.memoryBytes);
        }

        Amount minus(Amount o) {
            return new Amount(cpuMillis - o.cpuMillis, memoryBytes - o.memoryBytes);
        }

        Amount times(int n) {
            return new Amount(cpuMillis * n, memoryBytes * n);
        }
    }

    /**
     * The rollout estimate: {@code waves} of up to maxUnavailable + maxSurge nodes (the controller's
     * budget, R5.2; one wave for a first create, whose pods are created together in slow-start batches, R2.9), each
     * taking {@code perWave}: the observed pod start time plus minReadySeconds (R5.6). An update
     * whose last rollout's pace is known ({@code lastSlot}) is timed as a pipeline instead: the
     * pods after the first wave created one slot ÷ budget apart, the last one then starting.
     *
     * @param kind "create", "update" or "on-delete" (OnDelete: no rollout, R5.7)
     * @param lastSlot one replacement of the existing DaemonSet's last rollout, learned from its
     *     pods' creation times ({@link RolloutPace}); null when it cannot be told (or a first create)
     * @param stages a staged rollout's stages in order (E5.1), each timed as above over its own
     *     nodes, then its soak; empty when unstaged (and for a create or OnDelete). With stages,
     *     {@code waves} and {@code total} are their sums (soaks included)
     * @param held nodes that get a pod but keep the old revision (partition, update selector, no
     *     stage, or a stage never reached); {@code nodes} counts only the others
     * @param stopsAt the stage at which a staged rollout stops because a node of it stays held
     *     (E5.3); null when it runs through
     * @param paused the pause's message (E3.1) when the DaemonSet is paused: nothing is replaced
     *     until it is resumed, and the times count from then; null when not paused
     */
    public record Estimate(
            String kind,
            int nodes,
            int maxUnavailable,
            int maxSurge,
            int waves,
            Duration perWave,
            Duration total,
            StartTime basis,
            int minReadySeconds,
            Duration lastSlot,
            List<StageEstimate> stages,
            int held,
            String stopsAt,
            String paused) {
        public Estimate {
            stages = List.copyOf(stages);
        }
    }

    /**
     * One stage of a staged rollout (E5.3): the nodes it replaces (with a first update's nodes
     * without a pod in the first stage: they get theirs at once), its waves and time under the
     * fleet-wide budget, and the soak before the next stage starts (0 after the last, or when the
     * stage never completes).
     *
     * @param completes false when a node of it or of an earlier stage stays held: the rollout stops here
     */
    public record StageEstimate(String name, int nodes, int waves, Duration time, int soakSeconds, boolean completes) {}

    /**
     * The observed pod start time (creation to Ready, the mean over {@code samples} pods) and where
     * it comes from; {@code samples} 0 means the documented default.
     */
    public record StartTime(Duration perPod, int samples, String source) {}
}
