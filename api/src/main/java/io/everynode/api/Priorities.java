package io.everynode.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import java.util.List;
import java.util.Map;

/** Built-in priority classes (R8.1) and pod criticality (R9.2). */
public final class Priorities {
    public static final String SYSTEM_NODE_CRITICAL = "system-node-critical";
    public static final String SYSTEM_CLUSTER_CRITICAL = "system-cluster-critical";
    /** R8.1: SystemCriticalPriority, the floor of "critical" (R9.2). */
    public static final int SYSTEM_CRITICAL_PRIORITY = 2_000_000_000;

    public static final int SYSTEM_NODE_CRITICAL_VALUE = SYSTEM_CRITICAL_PRIORITY + 1000;
    public static final int SYSTEM_CLUSTER_CRITICAL_VALUE = SYSTEM_CRITICAL_PRIORITY;
    /** R8.1/R8.2: largest value a user-defined class may have. */
    public static final int HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
    /** R8.1: priority of a pod when no class applies and no global default exists. */
    public static final int DEFAULT_PRIORITY = 0;

    public static final String SYSTEM_PREFIX = "system-";
    public static final String PREEMPT_LOWER_PRIORITY = "PreemptLowerPriority";
    public static final String PREEMPT_NEVER = "Never";

    /** Known system classes and their exact values (R8.1). */
    public static final Map<String, Integer> SYSTEM_CLASSES = Map.of(
            SYSTEM_NODE_CRITICAL, SYSTEM_NODE_CRITICAL_VALUE,
            SYSTEM_CLUSTER_CRITICAL, SYSTEM_CLUSTER_CRITICAL_VALUE);

    static final String CONFIG_SOURCE_ANNOTATION = "kubernetes.io/config.source";
    static final String CONFIG_MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
    static final String API_SOURCE = "api";

    private Priorities() {}

    /** Fresh copies of the built-in classes the API server creates at startup (globalDefault false). */
    public static List<PriorityClass> builtInClasses() {
        return List.of(
                builtIn(
                        SYSTEM_NODE_CRITICAL,
                        SYSTEM_NODE_CRITICAL_VALUE,
                        "Used for system critical pods that must not be moved from their current node."),
                builtIn(
                        SYSTEM_CLUSTER_CRITICAL,
                        SYSTEM_CLUSTER_CRITICAL_VALUE,
                        "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));
    }

    private static PriorityClass builtIn(String name, int value, String description) {
        return new PriorityClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withValue(value)
                .withGlobalDefault(false)
                .withDescription(description)
                .withPreemptionPolicy(PREEMPT_LOWER_PRIORITY)
                .build();
    }

    /**
     * R9.2: static pods (config source annotation other than "api"), mirror pods, and pods with
     * priority ≥ 2 000 000 000 are critical; the kubelet never evicts them.
     */
    public static boolean isCritical(Pod pod) {
        Map<String, String> ann =
                pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
        if (ann != null) {
            String source = ann.get(CONFIG_SOURCE_ANNOTATION);
            if (source != null && !source.equals(API_SOURCE)) {
                return true;
            }
            if (ann.containsKey(CONFIG_MIRROR_ANNOTATION)) {
                return true;
            }
        }
        Integer priority = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return priority != null && priority >= SYSTEM_CRITICAL_PRIORITY;
    }
}
