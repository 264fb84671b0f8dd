package io.everynode.api.validation;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedDaemonSetSpec;
import io.everynode.api.kruise.AdvancedRollingUpdate;
import io.everynode.api.kruise.AdvancedUpdateStrategy;
import io.everynode.api.kruise.AdvancedView;
import io.everynode.api.kruise.AutoPauseSpec;
import io.everynode.api.kruise.RolloutStage;
import io.everynode.api.rollout.ProgressDeadline;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * E7.4: validation of the Advanced DaemonSet ({@code apps.kruise.io/v1alpha1}). Everything the
 * kind shares with apps/v1 is checked by {@link DaemonSetValidation} on its apps/v1 shape
 * ({@link AdvancedView#core}), so the field paths and messages are upstream's; then OpenKruise's
 * webhook rules (rolling update type, partition) and Everynode's fields (stages, auto-pause,
 * progress deadline, burst). Call after {@code AdvancedDaemonSetDefaults.apply}.
 */
public final class AdvancedDaemonSetValidation {
    private static final String RU = "spec.updateStrategy.rollingUpdate";
    private static final List<String> TYPES = List.of(
            AdvancedRollingUpdate.STANDARD, AdvancedRollingUpdate.SURGING, AdvancedRollingUpdate.IN_PLACE_IF_POSSIBLE);

    private AdvancedDaemonSetValidation() {}

    public static List<FieldError> validateCreate(AdvancedDaemonSet ds) {
        List<FieldError> errs = DaemonSetValidation.validateCreate(AdvancedView.core(ds));
        advanced(errs, ds.spec);
        return errs;
    }

    /** As apps/v1: the selector is immutable; the rest is validated as on create. */
    public static List<FieldError> validateUpdate(AdvancedDaemonSet ds, AdvancedDaemonSet old) {
        List<FieldError> errs = DaemonSetValidation.validateUpdate(AdvancedView.core(ds), AdvancedView.core(old));
        advanced(errs, ds.spec);
        return errs;
    }

    /** Upstream's status rules (counters ≥ 0, collisionCount never decremented). */
    public static List<FieldError> validateStatusUpdate(AdvancedDaemonSet ds, AdvancedDaemonSet old) {
        return DaemonSetValidation.validateStatusUpdate(AdvancedView.core(ds), AdvancedView.core(old));
    }

    private static void advanced(List<FieldError> errs, AdvancedDaemonSetSpec spec) {
        if (spec == null) return;
        if (spec.burstReplicas != null) {
            IntOrPercent.validate(errs, spec.burstReplicas, "spec.burstReplicas");
            if (IntOrPercent.rawValue(spec.burstReplicas) == 0) {
                errs.add(FieldError.invalid("spec.burstReplicas", spec.burstReplicas, "must be greater than 0"));
            }
        }
        if (spec.progressDeadlineSeconds != null
                && ProgressDeadline.parse(Integer.toString(spec.progressDeadlineSeconds))
                        .isEmpty()) {
            errs.add(FieldError.invalid(
                    "spec.progressDeadlineSeconds",
                    spec.progressDeadlineSeconds,
                    Common.inclusiveRange(1, ProgressDeadline.MAX_SECONDS)));
        }
        AdvancedUpdateStrategy strategy = spec.updateStrategy;
        if (strategy == null
                || !AdvancedUpdateStrategy.ROLLING_UPDATE.equals(strategy.type)
                || strategy.rollingUpdate == null) {
            return;
        }
        AdvancedRollingUpdate ru = strategy.rollingUpdate;
        String type = ru.rollingUpdateType == null ? AdvancedRollingUpdate.STANDARD : ru.rollingUpdateType;
        if (!TYPES.contains(type)) {
            errs.add(FieldError.notSupported(RU + ".rollingUpdateType", type, TYPES));
        } else if (type.equals(AdvancedRollingUpdate.IN_PLACE_IF_POSSIBLE) && positive(ru.maxSurge)) {
            errs.add(FieldError.invalid(RU + ".maxSurge", ru.maxSurge, "must be 0 for InPlaceIfPossible type"));
        }
        Common.nonNegative(errs, ru.partition, RU + ".partition");
        Common.labelSelector(errs, ru.selector, RU + ".selector");
        stages(errs, ru.stages);
        autoPause(errs, ru.autoPause);
    }

    /** E5.1 on this kind: names given and unique, selectors valid, maxNodes positive, soak ≥ 0. */
    private static void stages(List<FieldError> errs, List<RolloutStage> stages) {
        if (stages == null) return;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            String p = RU + ".stages[" + i + "]";
            RolloutStage st = stages.get(i);
            if (st == null) {
                errs.add(FieldError.required(p, ""));
                continue;
            }
            if (st.name == null || st.name.isEmpty()) {
                errs.add(FieldError.required(p + ".name", ""));
            } else if (!names.add(st.name)) {
                errs.add(FieldError.duplicate(p + ".name", st.name));
            }
            Common.labelSelector(errs, st.selector, p + ".selector");
            if (st.maxNodes != null) {
                IntOrPercent.validate(errs, st.maxNodes, p + ".maxNodes");
                if (!positive(st.maxNodes)) {
                    errs.add(FieldError.invalid(p + ".maxNodes", st.maxNodes, "must be greater than 0"));
                }
            }
            Common.nonNegative(errs, st.soakSeconds, p + ".soakSeconds");
        }
    }

    /** E3.2 on this kind: failedPods required, 1..100000; unreadySeconds 1..a year. */
    private static void autoPause(List<FieldError> errs, AutoPauseSpec a) {
        if (a == null) return;
        String p = RU + ".autoPause";
        if (a.failedPods == null) {
            errs.add(FieldError.required(p + ".failedPods", "the number of failing new pods that pauses the rollout"));
        } else if (a.failedPods < 1 || a.failedPods > 100_000) {
            errs.add(FieldError.invalid(p + ".failedPods", a.failedPods, Common.inclusiveRange(1, 100_000)));
        }
        if (a.unreadySeconds != null && (a.unreadySeconds < 1 || a.unreadySeconds > ProgressDeadline.MAX_SECONDS)) {
            errs.add(FieldError.invalid(
                    p + ".unreadySeconds", a.unreadySeconds, Common.inclusiveRange(1, ProgressDeadline.MAX_SECONDS)));
        }
    }

    private static boolean positive(IntOrString v) {
        return v != null && IntOrPercent.rawValue(v) > 0;
    }
}
