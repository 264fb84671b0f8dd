package io.everynode.api.kruise;

import io.everynode.api.defaults.Defaults;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;

/**
 * E7.1: the defaults OpenKruise's mutating webhook sets on an Advanced DaemonSet
 * ({@code SetDefaultsDaemonSet}), plus the pod-template defaults every pod template gets here.
 * In place; idempotent.
 */
public final class AdvancedDaemonSetDefaults {
    /** OpenKruise's default burst: upstream's 250 creates (and deletes) per sync. */
    public static final int BURST_REPLICAS = 250;

    public static final int REVISION_HISTORY_LIMIT = 10;

    private AdvancedDaemonSetDefaults() {}

    public static void apply(AdvancedDaemonSet ds) {
        if (ds.spec == null) ds.spec = new AdvancedDaemonSetSpec();
        AdvancedDaemonSetSpec spec = ds.spec;
        if (spec.template != null) {
            if (spec.template.getSpec() == null) spec.template.setSpec(new PodSpec());
            Defaults.defaultPodSpec(spec.template.getSpec());
        }
        if (spec.burstReplicas == null) spec.burstReplicas = new IntOrString(BURST_REPLICAS);
        if (spec.updateStrategy == null) spec.updateStrategy = new AdvancedUpdateStrategy();
        AdvancedUpdateStrategy strategy = spec.updateStrategy;
        if (strategy.type == null || strategy.type.isEmpty()) strategy.type = AdvancedUpdateStrategy.ROLLING_UPDATE;
        if (AdvancedUpdateStrategy.ROLLING_UPDATE.equals(strategy.type)) {
            if (strategy.rollingUpdate == null) strategy.rollingUpdate = new AdvancedRollingUpdate();
            AdvancedRollingUpdate ru = strategy.rollingUpdate;
            if (AdvancedRollingUpdate.SURGING.equals(ru.rollingUpdateType)) {
                // OpenKruise keeps manifests written for the retired Surging type working: a surge of one
                if (ru.maxSurge == null) ru.maxSurge = new IntOrString(1);
                if (ru.maxUnavailable == null) ru.maxUnavailable = new IntOrString(0);
            }
            if (ru.rollingUpdateType == null
                    || ru.rollingUpdateType.isEmpty()
                    || AdvancedRollingUpdate.SURGING.equals(ru.rollingUpdateType)) {
                ru.rollingUpdateType = AdvancedRollingUpdate.STANDARD;
            }
            if (ru.maxUnavailable == null && ru.maxSurge == null) {
                ru.maxUnavailable = new IntOrString(1);
                ru.maxSurge = new IntOrString(0);
            }
        }
        if (spec.revisionHistoryLimit == null) spec.revisionHistoryLimit = REVISION_HISTORY_LIMIT;
    }
}
