package io.everynode.api.defaults;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream API defaulting (pkg/apis/core/v1/defaults.go, pkg/apis/apps/v1/defaults.go), applied
 * in place and idempotently: a field already set is never changed. The API server calls these
 * after decoding and before validation. Things the API server does itself (generation, the
 * {@code deprecated.daemonset.template.generation} annotation, service-account admission) are not
 * here.
 */
public final class Defaults {
    public static final long TERMINATION_GRACE_PERIOD_SECONDS = 30;
    public static final String DEFAULT_SCHEDULER = "default-scheduler";
    public static final int REVISION_HISTORY_LIMIT = 10;
    /** 0644: default file mode of configMap/secret/downwardAPI/projected volumes. */
    public static final int DEFAULT_VOLUME_MODE = 420;

    private Defaults() {}

    /**
     * Pod defaults: the pod-spec defaults plus what only real pods get (templates do not):
     * {@code enableServiceLinks: true} and container requests copied from limits where unset.
     */
    public static void defaultPod(Pod pod) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        defaultPodSpec(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        for (Container c : PodSpecDefaults.all(spec)) {
            requestsFromLimits(c);
        }
    }

    /** Pod-spec defaults, shared by pods and pod templates. */
    public static void defaultPodSpec(PodSpec spec) {
        PodSpecDefaults.apply(spec);
    }

    /** R5.1 plus pod-template defaults (R6.3 relies on restartPolicy defaulting to Always). */
    public static void defaultDaemonSet(DaemonSet ds) {
        if (ds.getSpec() == null) {
            ds.setSpec(new DaemonSetSpec());
        }
        DaemonSetSpec spec = ds.getSpec();
        if (spec.getTemplate() != null) {
            if (spec.getTemplate().getSpec() == null) {
                spec.getTemplate().setSpec(new PodSpec());
            }
            defaultPodSpec(spec.getTemplate().getSpec());
        }
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new DaemonSetUpdateStrategy());
        }
        DaemonSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (strategy.getType() == null || strategy.getType().isEmpty()) {
            strategy.setType("RollingUpdate");
        }
        if ("RollingUpdate".equals(strategy.getType())) {
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateDaemonSet());
            }
            RollingUpdateDaemonSet ru = strategy.getRollingUpdate();
            if (ru.getMaxUnavailable() == null) {
                ru.setMaxUnavailable(new IntOrString(1));
            }
            if (ru.getMaxSurge() == null) {
                ru.setMaxSurge(new IntOrString(0));
            }
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(REVISION_HISTORY_LIMIT);
        }
        if (spec.getMinReadySeconds() == null) {
            spec.setMinReadySeconds(0);
        }
    }

    /** Node: allocatable defaults to capacity when the node reports none. */
    public static void defaultNode(Node node) {
        if (node.getStatus() != null
                && node.getStatus().getCapacity() != null
                && (node.getStatus().getAllocatable() == null
                        || node.getStatus().getAllocatable().isEmpty())) {
            Map<String, Quantity> copy = new LinkedHashMap<>();
            node.getStatus().getCapacity().forEach((k, v) -> copy.put(k, new Quantity(v.getAmount(), v.getFormat())));
            node.getStatus().setAllocatable(copy);
        }
    }

    /** R8.2: preemptionPolicy defaults to PreemptLowerPriority; globalDefault to false. */
    public static void defaultPriorityClass(PriorityClass pc) {
        if (pc.getPreemptionPolicy() == null || pc.getPreemptionPolicy().isEmpty()) {
            pc.setPreemptionPolicy("PreemptLowerPriority");
        }
        if (pc.getGlobalDefault() == null) {
            pc.setGlobalDefault(false);
        }
    }

    /** Namespace: finalizer "kubernetes" (set by the registry on create upstream) and phase Active. */
    public static void defaultNamespace(Namespace ns) {
        if (ns.getSpec() == null) {
            ns.setSpec(new NamespaceSpec());
        }
        if (ns.getSpec().getFinalizers() == null || ns.getSpec().getFinalizers().isEmpty()) {
            ns.getSpec().setFinalizers(new ArrayList<>(List.of("kubernetes")));
        }
        if (ns.getStatus() == null) {
            ns.setStatus(new NamespaceStatus());
        }
        if (ns.getStatus().getPhase() == null || ns.getStatus().getPhase().isEmpty()) {
            ns.getStatus().setPhase("Active");
        }
    }

    private static void requestsFromLimits(Container c) {
        ResourceRequirements r = c.getResources();
        if (r == null || r.getLimits() == null || r.getLimits().isEmpty()) {
            return;
        }
        Map<String, Quantity> requests =
                r.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getRequests());
        r.getLimits().forEach((k, v) -> requests.putIfAbsent(k, new Quantity(v.getAmount(), v.getFormat())));
        r.setRequests(requests);
    }
}
