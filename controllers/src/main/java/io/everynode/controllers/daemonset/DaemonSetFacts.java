package io.everynode.controllers.daemonset;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.rollout.LifecycleHooks;
import io.everynode.api.rollout.RolloutGuard;
import io.everynode.api.scheduling.NodeShouldRunDaemonPod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The DaemonSet controller's facts about its pods, for readers outside the controller (the
 * advisor's {@code why}): which node a daemon pod is meant for, which revision is current, the
 * rolling-update budget, the pause, the holds of partition, update selector and stages, and the
 * lifecycle hooks' holds. The controller's own code, so an explanation never disagrees with it.
 */
public final class DaemonSetFacts {
    /** The label naming the pod template revision a daemon pod was made from (R4.2). */
    public static final String HASH_LABEL = PodFacts.HASH_LABEL;

    private DaemonSetFacts() {}

    /** R2.3: the node a daemon pod is meant for, bound or not; empty when none. */
    public static String targetNode(Pod pod) {
        return PodFacts.targetNode(pod);
    }

    /** R4.2: the hash of the current template revision, as new daemon pods are labelled with it. */
    public static String currentHash(DaemonSet ds) {
        Integer collisions = ds.getStatus() == null ? null : ds.getStatus().getCollisionCount();
        return RevisionData.hash(ds.getSpec().getTemplate(), collisions);
    }

    /** R3.3: ready for minReadySeconds (the DaemonSet's) by now. */
    public static boolean available(Pod pod, DaemonSet ds, Instant now) {
        return PodFacts.available(pod, ManagePlanner.minReadySeconds(ds), now);
    }

    /**
     * R5.2: the rolling-update budget for {@code desired} nodes, or null when the strategy is not
     * RollingUpdate (OnDelete replaces a pod only when it is deleted).
     *
     * @throws IllegalArgumentException for an invalid percentage, as the controller's sync fails
     */
    public static Budget budget(DaemonSet ds, int desired) {
        if (!UpdateBudget.isRollingUpdate(ds)) {
            return null;
        }
        UpdateBudget b = UpdateBudget.of(ds, desired);
        return new Budget(b.maxSurge(), b.maxUnavailable());
    }

    /** The effective maxSurge and maxUnavailable of one rolling-update pass (R5.2). */
    public record Budget(int maxSurge, int maxUnavailable) {}

    /**
     * E3.1: the rollout is paused (by hand, or by E3.3's auto-pause, which also names the revision
     * whose pods tripped it); the controller then replaces no pod. Empty when not paused. The
     * message names the setting as the user wrote it: the annotation on apps/v1, the field on the
     * advanced kind's view (E7.3).
     */
    public static Optional<String> pause(DaemonSet ds) {
        if (!RolloutGuard.paused(ds.getMetadata())) {
            return Optional.empty();
        }
        String tripped = RolloutGuard.annotation(ds.getMetadata(), RolloutGuard.AUTO_PAUSED_REVISION);
        String setting = pauseSetting(ds) + "=true";
        return Optional.of(
                tripped == null
                        ? "rollout paused (" + setting + ")"
                        : "rollout auto-paused: new pods of revision " + tripped + " failed (" + setting + ", "
                                + RolloutGuard.AUTO_PAUSED_REVISION + "=" + tripped + ")");
    }

    /**
     * Where a DaemonSet's pause is set: the annotation {@code everynode.io/paused} on apps/v1, the
     * field {@code spec.updateStrategy.rollingUpdate.paused} on the advanced kind (E7.3).
     */
    public static String pauseSetting(DaemonSet ds) {
        return AdvancedDaemonSet.API_VERSION.equals(ds.getApiVersion())
                ? "spec.updateStrategy.rollingUpdate.paused"
                : RolloutGuard.PAUSED;
    }

    /** Kruise's label holding a pod's lifecycle state (E6.4). */
    public static final String LIFECYCLE_STATE_LABEL = LifecycleHooks.STATE_LABEL;

    /** Which lifecycle hook holds a pod (E6.4). */
    public enum HookKind {
        PRE_DELETE,
        IN_PLACE_UPDATE
    }

    /**
     * A pod a lifecycle hook holds: the hook, the pod's lifecycle state, what the hook's owner
     * removes to let it go ({@code label K=V}, {@code finalizer F}) and a message for people.
     */
    public record HookHold(HookKind kind, String state, List<String> holders, String message) {
        public HookHold {
            holders = List.copyOf(holders);
        }

        /** The {@code K=V} of each holding label. */
        public List<String> labels() {
            return holders.stream()
                    .filter(h -> h.startsWith("label "))
                    .map(h -> h.substring("label ".length()))
                    .toList();
        }
    }

    /**
     * E6.4: the lifecycle hook that holds {@code pod}, as the controller decides it: the pod is
     * marked PreparingDelete (the controller would delete it) or PreparingUpdate (it would update
     * it in place) and still carries a label or finalizer of that hook of {@code ds}. Empty when
     * no hook holds it.
     */
    public static Optional<HookHold> hookHold(DaemonSet ds, Pod pod) {
        LifecycleHooks hooks = LifecycleHooks.of(ds.getMetadata());
        return Lifecycle.holding(hooks, pod).map(hook -> {
            String state = LifecycleHooks.state(pod);
            boolean delete = LifecycleHooks.PREPARING_DELETE.equals(state);
            List<String> holders = Lifecycle.holders(hook, pod);
            return new HookHold(
                    delete ? HookKind.PRE_DELETE : HookKind.IN_PLACE_UPDATE,
                    state,
                    holders,
                    (delete ? "preDelete" : "inPlaceUpdate") + " hook holds pod "
                            + pod.getMetadata().getName() + ": remove " + String.join(" and ", holders)
                            + " to let it go");
        });
    }

    /** What holds a node's old pod during a rollout (E4.1, E4.2, E5.3). */
    public enum HoldKind {
        PARTITION,
        UPDATE_SELECTOR,
        STAGE
    }

    /** One node's hold: its kind and a message for people. */
    public record Hold(HoldKind kind, String message) {}

    /**
     * E4.1, E4.2, E5.3: node → hold, for each node whose old-revision pod the rolling update keeps
     * now, decided by the controller's own code over {@code ds} (its status holds the staged
     * rollout's progress, E5.4), the nodes and the DaemonSet's pods.
     */
    public static Map<String, Hold> holds(DaemonSet ds, List<Node> nodes, List<Pod> daemonPods, Instant now) {
        String hash = currentHash(ds);
        Map<String, List<Pod>> byNode = DaemonPods.byNode(daemonPods, false);
        Function<Node, NodeShouldRunDaemonPod.Decision> decide = n -> NodeShouldRunDaemonPod.evaluate(n, ds);
        Optional<StagedRollout.Outcome> stage = StagedRollout.of(ds, ds, nodes, byNode, hash, decide, now);
        Map<String, Hold> out = new TreeMap<>();
        RolloutScope.of(ds, nodes, byNode, hash, decide, stage)
                .forEach((node, h) ->
                        out.put(node, new Hold(HoldKind.valueOf(h.kind().name()), h.message())));
        return out;
    }
}
