package io.everynode.controllers.daemonset;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * E1.7: whether a rollout that is not complete waits by design, so that its progress deadline
 * must not run: a stage soaks (E5.3), or every node not yet running an available pod of the
 * current revision is held by the partition, the update selector or the stages (E4.1, E4.2, E5.3).
 * A node waiting for anything else (its new pod starting, the budget, a pod that does not turn
 * Ready) is no hold: that is the stall the deadline is for. Pure.
 */
final class DeadlineHold {
    private DeadlineHold() {}

    /**
     * @param stage the staged rollout's outcome, when the DaemonSet has stages
     * @param held node → hold, as {@link RolloutScope} decides (held nodes run an old pod only)
     * @param lagging the nodes that should run the DaemonSet and have no available pod of the
     *     current revision ({@link LaggingNodes}); asked only when some node is held
     */
    static Optional<RolloutProgress.Hold> of(
            String name,
            Optional<StagedRollout.Outcome> stage,
            Map<String, RolloutScope.Hold> held,
            Supplier<List<String>> lagging) {
        if (stage.isPresent() && stage.get().state().phase() == StagedRollout.Phase.SOAKING) {
            return Optional.of(new RolloutProgress.Hold(
                    RolloutProgress.SOAKING,
                    "DaemonSet \"" + name + "\" is soaking: "
                            + stage.get().condition().getMessage() + "."));
        }
        if (held.isEmpty()) {
            return Optional.empty();
        }
        List<String> waiting = lagging.get();
        if (waiting.isEmpty() || !held.keySet().containsAll(waiting)) {
            return Optional.empty();
        }
        return Optional.of(new RolloutProgress.Hold(
                RolloutProgress.HELD,
                "DaemonSet \"" + name + "\" is held: " + nodes(waiting.size()) + " keep the old revision ("
                        + byKind(held) + ")."));
    }

    /** "2 by the partition, 1 by the update selector", in the order of {@link RolloutScope.Kind}. */
    private static String byKind(Map<String, RolloutScope.Hold> held) {
        Map<RolloutScope.Kind, Integer> counts = new EnumMap<>(RolloutScope.Kind.class);
        held.values().forEach(h -> counts.merge(h.kind(), 1, Integer::sum));
        StringJoiner out = new StringJoiner(", ");
        counts.forEach((kind, n) -> out.add(n + " by " + word(kind)));
        return out.toString();
    }

    private static String word(RolloutScope.Kind kind) {
        return switch (kind) {
            case PARTITION -> "the partition";
            case UPDATE_SELECTOR -> "the update selector";
            case STAGE -> "the stages";
        };
    }

    private static String nodes(int n) {
        return n + (n == 1 ? " node" : " nodes");
    }
}
