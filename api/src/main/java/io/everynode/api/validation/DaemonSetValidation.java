package io.everynode.api.validation;

import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** DaemonSet validation, R6.1–R6.6, and Everynode's E1.5, E2.1, E3.6, E4.4, E5.6 and E6.5. Call after {@code Defaults.defaultDaemonSet}. */
public final class DaemonSetValidation {
    private DaemonSetValidation() {}

    public static List<FieldError> validateCreate(DaemonSet ds) {
        List<FieldError> errs = ObjectMetaValidation.validate(
                ds.getMetadata(), true, ObjectMetaValidation.NameRule.DNS_SUBDOMAIN); // R6.1
        spec(errs, ds.getSpec());
        everynode(errs, ds, null);
        return errs;
    }

    /** R6.2: the selector is immutable in apps/v1; the rest of the spec is validated as on create. */
    public static List<FieldError> validateUpdate(DaemonSet newDs, DaemonSet oldDs) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newDs.getMetadata(), oldDs.getMetadata());
        LabelSelector n = newDs.getSpec() == null ? null : newDs.getSpec().getSelector();
        LabelSelector o = oldDs.getSpec() == null ? null : oldDs.getSpec().getSelector();
        if (!Objects.equals(normal(n), normal(o))) {
            errs.add(FieldError.invalid("spec.selector", n, Common.IMMUTABLE));
        }
        spec(errs, newDs.getSpec());
        everynode(errs, newDs, oldDs);
        return errs;
    }

    /** Everynode's own rules on apps/v1 DaemonSets (E1.5, E2.1, E3.6, E4.4, E5.6, E6.5), stricter than upstream; {@code old} null on create. */
    private static void everynode(List<FieldError> errs, DaemonSet ds, DaemonSet old) {
        Map<String, String> annotations = annotations(ds);
        ProgressDeadlineAnnotation.check(errs, annotations);
        SwitchAnnotations.check(errs, annotations, annotations(old)); // E3.6
        AutoPauseAnnotations.check(errs, annotations, annotations(old)); // E3.6
        PartitionAnnotation.check(errs, annotations); // E4.4
        UpdateSelectorAnnotation.check(errs, annotations); // E4.4
        StagesAnnotation.check(errs, annotations); // E5.6
        RollingUpdateTypeAnnotation.check(errs, annotations); // E6.5
        LifecycleAnnotation.check(errs, annotations); // E6.5
        DaemonSetSpec spec = ds.getSpec();
        if (spec == null || spec.getTemplate() == null || spec.getUpdateStrategy() == null) {
            return;
        }
        DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (!"RollingUpdate".equals(strategy.getType()) || strategy.getRollingUpdate() == null) {
            return;
        }
        if (IntOrPercent.rawValue(strategy.getRollingUpdate().getMaxSurge()) > 0) {
            SurgeHostPorts.check(errs, spec.getTemplate().getSpec(), "spec.template.spec");
        }
    }

    private static Map<String, String> annotations(DaemonSet ds) {
        return ds == null || ds.getMetadata() == null ? null : ds.getMetadata().getAnnotations();
    }

    /** R6.6: counters ≥ 0; collisionCount ≥ 0 and never decremented. */
    public static List<FieldError> validateStatusUpdate(DaemonSet newDs, DaemonSet oldDs) {
        List<FieldError> errs = ObjectMetaValidation.validateUpdate(newDs.getMetadata(), oldDs.getMetadata());
        DaemonSetStatus s = newDs.getStatus() == null ? new DaemonSetStatus() : newDs.getStatus();
        Common.nonNegative(errs, s.getCurrentNumberScheduled(), "status.currentNumberScheduled");
        Common.nonNegative(errs, s.getNumberMisscheduled(), "status.numberMisscheduled");
        Common.nonNegative(errs, s.getDesiredNumberScheduled(), "status.desiredNumberScheduled");
        Common.nonNegative(errs, s.getNumberReady(), "status.numberReady");
        Common.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        Common.nonNegative(errs, s.getUpdatedNumberScheduled(), "status.updatedNumberScheduled");
        Common.nonNegative(errs, s.getNumberAvailable(), "status.numberAvailable");
        Common.nonNegative(errs, s.getNumberUnavailable(), "status.numberUnavailable");
        Common.nonNegative(errs, s.getCollisionCount(), "status.collisionCount");
        Integer oldCount = oldDs.getStatus() == null ? null : oldDs.getStatus().getCollisionCount();
        Integer newCount = s.getCollisionCount();
        if (oldCount != null && (newCount == null || newCount < oldCount)) {
            errs.add(FieldError.invalid("status.collisionCount", newCount, "cannot be decremented"));
        }
        return errs;
    }

    private static void spec(List<FieldError> errs, DaemonSetSpec spec) {
        if (spec == null) {
            spec = new DaemonSetSpec();
        }
        LabelSelector selector = spec.getSelector();
        PodTemplateSpec template = spec.getTemplate();
        Map<String, String> templateLabels = template == null || template.getMetadata() == null
                ? null
                : template.getMetadata().getLabels();
        // R6.2. A nil selector is reported as required (as apps/v1 Deployments do) and also
        // fails the template match, since it selects nothing.
        if (selector == null) {
            errs.add(FieldError.required("spec.selector", ""));
        }
        Common.labelSelector(errs, selector, "spec.selector");
        Selector parsed;
        try {
            parsed = Selector.from(selector);
        } catch (IllegalArgumentException e) {
            parsed = null; // already reported by labelSelector
        }
        if (parsed != null && !parsed.matches(templateLabels)) {
            errs.add(FieldError.invalid(
                    "spec.template.metadata.labels",
                    templateLabels == null ? Map.of() : templateLabels,
                    "`selector` does not match template `labels`"));
        }
        if (selector != null && size(selector.getMatchLabels()) + size(selector.getMatchExpressions()) == 0) {
            errs.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for daemonset"));
        }
        // R6.3
        errs.addAll(PodTemplateValidation.validate(template, "spec.template"));
        if (template != null && template.getSpec() != null) {
            String restart = template.getSpec().getRestartPolicy();
            if (!"Always".equals(restart)) {
                errs.add(FieldError.notSupported(
                        "spec.template.spec.restartPolicy", restart == null ? "" : restart, List.of("Always")));
            }
            if (template.getSpec().getActiveDeadlineSeconds() != null) {
                errs.add(FieldError.forbidden(
                        "spec.template.spec.activeDeadlineSeconds",
                        "activeDeadlineSeconds in DaemonSet is not Supported"));
            }
        }
        // R6.4
        Common.nonNegative(errs, spec.getMinReadySeconds(), "spec.minReadySeconds");
        Common.nonNegative(errs, spec.getRevisionHistoryLimit(), "spec.revisionHistoryLimit");
        strategy(errs, spec.getUpdateStrategy());
    }

    /** R6.5 */
    private static void strategy(List<FieldError> errs, DaemonSetUpdateStrategy strategy) {
        String type = strategy == null || strategy.getType() == null ? "" : strategy.getType();
        switch (type) {
            case "OnDelete" -> {}
            case "RollingUpdate" -> {
                RollingUpdateDaemonSet ru = strategy.getRollingUpdate();
                if (ru == null) {
                    errs.add(FieldError.required("spec.updateStrategy.rollingUpdate", ""));
                    return;
                }
                String p = "spec.updateStrategy.rollingUpdate";
                IntOrPercent.validate(errs, ru.getMaxUnavailable(), p + ".maxUnavailable");
                IntOrPercent.validate(errs, ru.getMaxSurge(), p + ".maxSurge");
                boolean hasUnavailable = IntOrPercent.rawValue(ru.getMaxUnavailable()) != 0;
                boolean hasSurge = IntOrPercent.rawValue(ru.getMaxSurge()) != 0;
                if (hasUnavailable && hasSurge) {
                    errs.add(FieldError.invalid(
                            p + ".maxSurge", ru.getMaxSurge(), "may not be set when maxUnavailable is non-zero"));
                } else if (!hasUnavailable && !hasSurge) {
                    errs.add(FieldError.required(p + ".maxUnavailable", "cannot be 0 when maxSurge is 0"));
                }
            }
            default ->
                errs.add(FieldError.notSupported("spec.updateStrategy", type, List.of("RollingUpdate", "OnDelete")));
        }
    }

    /** Treats null and empty lists/maps alike, so a round trip through JSON does not look like a change. */
    private static Object normal(LabelSelector s) {
        if (s == null) {
            return null;
        }
        return List.of(
                s.getMatchLabels() == null ? Map.of() : s.getMatchLabels(),
                s.getMatchExpressions() == null ? List.of() : s.getMatchExpressions());
    }

    private static int size(Object collection) {
        if (collection instanceof Map<?, ?> m) {
            return m.size();
        }
        if (collection instanceof List<?> l) {
            return l.size();
        }
        return 0;
    }
}
