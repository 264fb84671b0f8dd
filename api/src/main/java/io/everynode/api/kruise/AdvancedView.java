package io.everynode.api.kruise;

import io.everynode.api.json.Json;
import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.ProgressDeadline;
import io.everynode.api.rollout.RolloutGuard;
import io.everynode.api.selector.Selector;
import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * E7.3: an Advanced DaemonSet as the DaemonSet controller sees it, an apps/v1 {@link DaemonSet}
 * whose rollout settings ride in the annotations of {@link AdvancedRollout}, {@link RolloutGuard}
 * and {@link ProgressDeadline}, and the way back for what the controller writes (status, and the
 * auto-pause or auto-revert update). Pure; the inputs are never modified.
 *
 * <p>On this kind the fields are the only source of those settings: the view drops any of the
 * {@link #MAPPED} annotations the object itself carries and sets them from the fields, so a
 * stray annotation can never contradict a field. The view keeps the object's apiVersion
 * ({@code apps.kruise.io/v1alpha1}), metadata (uid, resourceVersion, generation) and status.
 */
public final class AdvancedView {
    /** The annotations the view derives from fields (and so ignores on the object itself). */
    public static final Set<String> MAPPED = Set.of(
            AdvancedRollout.PARTITION,
            AdvancedRollout.UPDATE_SELECTOR,
            AdvancedRollout.STAGES,
            AdvancedRollout.ROLLING_UPDATE_TYPE,
            AdvancedRollout.LIFECYCLE,
            AdvancedRollout.BURST_REPLICAS,
            RolloutGuard.PAUSED,
            RolloutGuard.AUTO_PAUSE_AFTER,
            RolloutGuard.UNREADY_SECONDS,
            RolloutGuard.AUTO_REVERT,
            ProgressDeadline.ANNOTATION);

    private AdvancedView() {}

    /** The controller's view: spec and status copied, settings as annotations. */
    public static DaemonSet of(AdvancedDaemonSet a) {
        DaemonSet view = core(a);
        Map<String, String> annotations = view.getMetadata().getAnnotations();
        annotations.putAll(settings(a));
        return view;
    }

    /**
     * The apps/v1 shape of the object with none of the settings' annotations: what upstream's
     * DaemonSet validation reads (E7.4), and the base of {@link #of}.
     */
    public static DaemonSet core(AdvancedDaemonSet a) {
        DaemonSet view = new DaemonSet();
        view.setApiVersion(a.apiVersion == null ? AdvancedDaemonSet.API_VERSION : a.apiVersion);
        view.setKind(AdvancedDaemonSet.KIND);
        ObjectMeta meta =
                a.metadata == null ? new ObjectMeta() : Json.MAPPER.convertValue(a.metadata, ObjectMeta.class);
        Map<String, String> annotations = new LinkedHashMap<>();
        if (meta.getAnnotations() != null) {
            meta.getAnnotations().forEach((k, v) -> {
                if (!MAPPED.contains(k)) annotations.put(k, v);
            });
        }
        meta.setAnnotations(annotations);
        view.setMetadata(meta);
        view.setSpec(spec(a.spec == null ? new AdvancedDaemonSetSpec() : a.spec));
        if (a.status != null) view.setStatus(status(a.status));
        return view;
    }

    private static DaemonSetSpec spec(AdvancedDaemonSetSpec s) {
        DaemonSetSpec out = new DaemonSetSpec();
        out.setSelector(s.selector == null ? null : Json.MAPPER.convertValue(s.selector, LabelSelector.class));
        out.setTemplate(s.template == null ? null : Json.MAPPER.convertValue(s.template, PodTemplateSpec.class));
        out.setMinReadySeconds(s.minReadySeconds);
        out.setRevisionHistoryLimit(s.revisionHistoryLimit);
        if (s.updateStrategy != null) {
            DaemonSetUpdateStrategy strategy = new DaemonSetUpdateStrategy();
            strategy.setType(s.updateStrategy.type);
            AdvancedRollingUpdate ru = s.updateStrategy.rollingUpdate;
            if (ru != null && AdvancedUpdateStrategy.ROLLING_UPDATE.equals(s.updateStrategy.type)) {
                // OpenKruise reads an unset budget as 0 once the other one is set; apps/v1 spells both
                IntOrString unavailable =
                        ru.maxUnavailable != null ? ru.maxUnavailable : new IntOrString(ru.maxSurge == null ? 1 : 0);
                IntOrString surge = ru.maxSurge != null ? ru.maxSurge : new IntOrString(0);
                RollingUpdateDaemonSet rolling = new RollingUpdateDaemonSet();
                rolling.setMaxUnavailable(unavailable);
                rolling.setMaxSurge(surge);
                strategy.setRollingUpdate(rolling);
            }
            out.setUpdateStrategy(strategy);
        }
        return out;
    }

    /** The settings' annotations, from the fields (absent fields: no annotation). */
    static Map<String, String> settings(AdvancedDaemonSet a) {
        Map<String, String> out = new LinkedHashMap<>();
        AdvancedDaemonSetSpec s = a.spec == null ? new AdvancedDaemonSetSpec() : a.spec;
        AdvancedRollingUpdate ru = s.updateStrategy == null ? null : s.updateStrategy.rollingUpdate;
        if (ru != null) {
            if (ru.partition != null) out.put(AdvancedRollout.PARTITION, Integer.toString(ru.partition));
            String selector = selectorText(ru.selector);
            if (!selector.isEmpty()) out.put(AdvancedRollout.UPDATE_SELECTOR, selector);
            if (ru.stages != null && !ru.stages.isEmpty()) out.put(AdvancedRollout.STAGES, stages(ru.stages));
            if (ru.rollingUpdateType != null) out.put(AdvancedRollout.ROLLING_UPDATE_TYPE, ru.rollingUpdateType);
            if (Boolean.TRUE.equals(ru.paused)) out.put(RolloutGuard.PAUSED, "true");
            if (ru.autoPause != null) {
                if (ru.autoPause.failedPods != null)
                    out.put(RolloutGuard.AUTO_PAUSE_AFTER, Integer.toString(ru.autoPause.failedPods));
                if (ru.autoPause.unreadySeconds != null)
                    out.put(RolloutGuard.UNREADY_SECONDS, Integer.toString(ru.autoPause.unreadySeconds));
                if (Boolean.TRUE.equals(ru.autoPause.revert)) out.put(RolloutGuard.AUTO_REVERT, "true");
            }
        }
        if (s.lifecycle != null) out.put(AdvancedRollout.LIFECYCLE, Json.string(s.lifecycle));
        if (s.burstReplicas != null) out.put(AdvancedRollout.BURST_REPLICAS, Integer.toString(burst(a)));
        if (s.progressDeadlineSeconds != null)
            out.put(ProgressDeadline.ANNOTATION, Integer.toString(s.progressDeadlineSeconds));
        return out;
    }

    /**
     * E7.2: burstReplicas as a whole number: a percentage is of the desired nodes the status last
     * counted, rounded up, and never below 1 (a burst of 0 would create nothing, ever).
     */
    static int burst(AdvancedDaemonSet a) {
        int desired = a.status == null || a.status.desiredNumberScheduled == null ? 0 : a.status.desiredNumberScheduled;
        try {
            return Math.max(1, IntOrPercent.scaled(a.spec.burstReplicas, desired, true));
        } catch (IllegalArgumentException e) {
            return AdvancedDaemonSetDefaults.BURST_REPLICAS; // refused by validation; never stored
        }
    }

    /** kubectl's text form of a label selector; empty for none (every node). */
    static String selectorText(LabelSelector selector) {
        if (selector == null) return "";
        try {
            return Selector.from(selector).toString();
        } catch (IllegalArgumentException e) {
            return ""; // refused by validation; never stored
        }
    }

    private static String stages(List<RolloutStage> stages) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (RolloutStage st : stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", st.name);
            String selector = selectorText(st.selector);
            if (!selector.isEmpty()) m.put("selector", selector);
            if (st.maxNodes != null)
                m.put("maxNodes", st.maxNodes.getIntVal() != null ? st.maxNodes.getIntVal() : st.maxNodes.getStrVal());
            if (st.soakSeconds != null) m.put("soakSeconds", st.soakSeconds);
            out.add(m);
        }
        return Json.string(out);
    }

    private static DaemonSetStatus status(AdvancedDaemonSetStatus s) {
        DaemonSetStatus out = new DaemonSetStatus();
        out.setCurrentNumberScheduled(s.currentNumberScheduled);
        out.setNumberMisscheduled(s.numberMisscheduled);
        out.setDesiredNumberScheduled(s.desiredNumberScheduled);
        out.setNumberReady(s.numberReady);
        out.setObservedGeneration(s.observedGeneration);
        out.setUpdatedNumberScheduled(s.updatedNumberScheduled);
        out.setNumberAvailable(s.numberAvailable);
        out.setNumberUnavailable(s.numberUnavailable);
        out.setCollisionCount(s.collisionCount);
        out.setConditions(s.conditions == null ? null : new ArrayList<>(s.conditions));
        return out;
    }

    /** The way back for a status write: the view's counters and conditions, and the current revision's hash. */
    public static AdvancedDaemonSetStatus statusOf(DaemonSetStatus s, String daemonSetHash) {
        AdvancedDaemonSetStatus out = new AdvancedDaemonSetStatus();
        if (s != null) {
            out.currentNumberScheduled = zero(s.getCurrentNumberScheduled());
            out.numberMisscheduled = zero(s.getNumberMisscheduled());
            out.desiredNumberScheduled = zero(s.getDesiredNumberScheduled());
            out.numberReady = zero(s.getNumberReady());
            out.observedGeneration = s.getObservedGeneration();
            out.updatedNumberScheduled = zero(s.getUpdatedNumberScheduled());
            out.numberAvailable = s.getNumberAvailable();
            out.numberUnavailable = s.getNumberUnavailable();
            out.collisionCount = s.getCollisionCount();
            out.conditions = s.getConditions() == null || s.getConditions().isEmpty() ? null : s.getConditions();
        }
        out.daemonSetHash = daemonSetHash == null ? "" : daemonSetHash;
        return out;
    }

    /**
     * The way back for the controller's update of the object (E3.3 pause, E3.4 revert): a copy of
     * {@code current} with the view's template, {@code rollingUpdate.paused} from the view's
     * {@code everynode.io/paused}, and the view's other annotations (the controller's own, such as
     * {@code everynode.io/auto-paused-revision}); the object's own settings annotations stay as
     * they were.
     */
    public static AdvancedDaemonSet applyUpdate(AdvancedDaemonSet current, DaemonSet view) {
        AdvancedDaemonSet out = Json.MAPPER.convertValue(current, AdvancedDaemonSet.class);
        Map<String, String> viewAnnotations = view.getMetadata().getAnnotations() == null
                ? Map.of()
                : view.getMetadata().getAnnotations();
        Map<String, String> annotations = new LinkedHashMap<>();
        viewAnnotations.forEach((k, v) -> {
            if (!MAPPED.contains(k)) annotations.put(k, v);
        });
        if (current.metadata != null && current.metadata.getAnnotations() != null) {
            current.metadata.getAnnotations().forEach((k, v) -> {
                if (MAPPED.contains(k)) annotations.put(k, v);
            });
        }
        out.metadata.setAnnotations(annotations.isEmpty() ? null : annotations);
        if (out.spec == null) out.spec = new AdvancedDaemonSetSpec();
        out.spec.template = view.getSpec() == null || view.getSpec().getTemplate() == null
                ? null
                : Json.MAPPER.convertValue(view.getSpec().getTemplate(), PodTemplateSpec.class);
        boolean paused = "true".equals(viewAnnotations.get(RolloutGuard.PAUSED));
        AdvancedRollingUpdate ru = out.spec.updateStrategy == null ? null : out.spec.updateStrategy.rollingUpdate;
        if (paused && ru == null) {
            if (out.spec.updateStrategy == null) out.spec.updateStrategy = new AdvancedUpdateStrategy();
            ru = out.spec.updateStrategy.rollingUpdate = new AdvancedRollingUpdate();
        }
        if (ru != null && (paused || ru.paused != null)) ru.paused = paused;
        return out;
    }

    private static Integer zero(Integer i) {
        return i == null ? 0 : i;
    }
}
