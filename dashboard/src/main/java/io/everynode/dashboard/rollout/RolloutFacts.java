package io.everynode.dashboard.rollout;

import io.everynode.api.rollout.Partition;
import io.everynode.api.rollout.RolloutGuard;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one DaemonSet, as stored, says about its rollout. Pure.
 *
 * @param revision the current template's hash (R4.2): a new one starts a new rollout
 * @param desired status.desiredNumberScheduled
 * @param updated status.updatedNumberScheduled
 * @param available status.numberAvailable
 * @param unavailable status.numberUnavailable (desired − available when the status lacks it)
 * @param maxUnavailable the budget of one rolling-update pass as the controller resolves it
 *     (R5.2: against desired, percentages rounded up, forced to 1 when both are 0); -1 when the
 *     strategy is not RollingUpdate or a percentage is unreadable (the controller's sync fails then)
 * @param maxSurge as {@code maxUnavailable}; 0 without surge
 * @param partition E4.1's N, the nodes kept at the old revision (0: none)
 * @param paused E3.1 (by hand or E3.3's auto-pause)
 * @param stage E5.4's RolloutStage condition, or null without stages
 */
public record RolloutFacts(
        String revision,
        long generation,
        long observedGeneration,
        int desired,
        int updated,
        int available,
        int unavailable,
        int maxUnavailable,
        int maxSurge,
        int partition,
        boolean paused,
        Stage stage) {

    /** E5.4's condition type. */
    static final String STAGE_CONDITION = "RolloutStage";

    /**
     * E5.4's condition, read back: {@code phase} is its reason ({@code StageUpdating},
     * {@code StageSoaking}, {@code StagesComplete}); {@code index} (1-based) and {@code count} are
     * 0 when the message does not name them (StagesComplete names only the count).
     */
    public record Stage(String phase, String name, int index, int count) {
        /** The marker's words: {@code canary (1/3) StageUpdating}. */
        public String label() {
            if (name == null) return phase + (count > 0 ? " (" + count + " stages)" : "");
            return name + " (" + index + "/" + count + ") " + phase;
        }
    }

    /** E5.4's messages: {@code stage "NAME" (k of n) of revision H ...} and {@code all n stages of revision H ...}. */
    private static final Pattern STAGE = Pattern.compile("^stage \"([^\"]+)\" \\((\\d{1,7}) of (\\d{1,7})\\)");

    private static final Pattern ALL = Pattern.compile("^all (\\d{1,7}) stages");

    /** The nodes the partition lets the rollout update: desired − N, never below 0 (E4.1). */
    public int partitionCap() {
        return Math.max(0, desired - partition);
    }

    public static RolloutFacts of(DaemonSet ds) {
        DaemonSetStatus st = ds.getStatus();
        int desired = st == null ? 0 : orZero(st.getDesiredNumberScheduled());
        int available = st == null ? 0 : orZero(st.getNumberAvailable());
        int unavailable = st == null || st.getNumberUnavailable() == null
                ? Math.max(0, desired - available)
                : st.getNumberUnavailable();
        int maxUnavailable = -1;
        int maxSurge = -1;
        try {
            DaemonSetFacts.Budget b = DaemonSetFacts.budget(ds, desired);
            if (b != null) {
                maxUnavailable = b.maxUnavailable();
                maxSurge = b.maxSurge();
            }
        } catch (IllegalArgumentException unreadable) {
            // the controller's sync fails on it too; no line is drawn
        }
        return new RolloutFacts(
                DaemonSetFacts.currentHash(ds),
                orZero(ds.getMetadata().getGeneration()),
                st == null ? 0 : orZero(st.getObservedGeneration()),
                desired,
                st == null ? 0 : orZero(st.getUpdatedNumberScheduled()),
                available,
                unavailable,
                maxUnavailable,
                maxSurge,
                Partition.of(ds.getMetadata()),
                RolloutGuard.paused(ds.getMetadata()),
                stage(st == null ? null : st.getConditions()));
    }

    static Stage stage(List<DaemonSetCondition> conditions) {
        if (conditions == null) return null;
        for (DaemonSetCondition c : conditions) {
            if (!STAGE_CONDITION.equals(c.getType())) continue;
            String message = c.getMessage() == null ? "" : c.getMessage();
            Matcher m = STAGE.matcher(message);
            if (m.find()) {
                return new Stage(c.getReason(), m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            Matcher all = ALL.matcher(message);
            return new Stage(c.getReason(), null, 0, all.find() ? Integer.parseInt(all.group(1)) : 0);
        }
        return null;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static long orZero(Long l) {
        return l == null ? 0 : l;
    }
}
