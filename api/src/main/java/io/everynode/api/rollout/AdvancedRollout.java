package io.everynode.api.rollout;

/**
 * The annotations that carry the Advanced DaemonSet's rollout settings (OpenKruise's
 * {@code apps.kruise.io/v1alpha1} fields, and Everynode's staged rollouts) on an apps/v1
 * DaemonSet. Users may set them on apps/v1 DaemonSets directly; for the advanced kind the server
 * reads its first-class fields and the controller sees them through these same keys on its apps/v1
 * view of the object, so one reading serves both kinds. Constants only: each setting's parsing
 * lives with the rule it implements (E4.x–E7.x in docs/daemonset-rules.md §11).
 */
public final class AdvancedRollout {
    /**
     * E4.1 partition: a whole number N ≥ 0; N pods (of the nodes in the rollout's scope) keep the
     * old revision. Kruise's {@code rollingUpdate.partition}.
     */
    public static final String PARTITION = "everynode.io/partition";

    /**
     * E4.2 update selector: a node label selector in kubectl's text form ({@code
     * node-type=canary}, {@code zone in (a,b)}, {@code !key}); only pods on matching nodes are
     * updated. Kruise's {@code rollingUpdate.selector}, formatted as text.
     */
    public static final String UPDATE_SELECTOR = "everynode.io/update-selector";

    /**
     * E5.1 stages: a JSON list of stages, in order, e.g. {@code
     * [{"name":"canary","selector":"pool=canary","soakSeconds":600},
     * {"name":"ten-percent","maxNodes":"10%","soakSeconds":300}, {"name":"rest"}]}. Fields:
     * {@code name} (required, unique), {@code selector} (optional node label selector text, default
     * every node), {@code maxNodes} (optional whole number or percentage of the desired nodes,
     * cumulative with earlier stages), {@code soakSeconds} (optional, default 0: the wait after the
     * stage completes before the next one starts). On the advanced kind: {@code
     * rollingUpdate.stages} with {@code selector} as a LabelSelector object.
     */
    public static final String STAGES = "everynode.io/stages";

    /**
     * E6.1 rolling update type: {@code Standard} (default), {@code Surging} (Kruise's older name
     * for a maxSurge rollout) or {@code InPlaceIfPossible} (an image-only change updates the
     * running pod's containers in place). Kruise's {@code rollingUpdate.rollingUpdateType}.
     */
    public static final String ROLLING_UPDATE_TYPE = "everynode.io/rolling-update-type";

    /**
     * E6.4 lifecycle hooks: Kruise's {@code spec.lifecycle} as JSON ({@code
     * {"preDelete":{"labelsHandler":{...},"finalizersHandler":[...],"markPodNotReady":true},
     * "inPlaceUpdate":{...}}}).
     */
    public static final String LIFECYCLE = "everynode.io/lifecycle";

    /**
     * E7.x burst replicas: a whole number ≥ 1, the most pods created or deleted per sync for this
     * DaemonSet (Kruise's {@code spec.burstReplicas}; the controller's default is upstream's 250).
     */
    public static final String BURST_REPLICAS = "everynode.io/burst-replicas";

    private AdvancedRollout() {}
}
