package io.everynode.api.qos;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * QoS class of a pod (R9.1). Only cpu and memory count; quantities ≤ 0 are ignored; init and
 * regular containers are summed together. Expects a defaulted pod (defaulting copies limits into
 * unset requests, which is what makes "limits only" Guaranteed).
 */
public final class QosClasses {
    public static final String GUARANTEED = "Guaranteed";
    public static final String BURSTABLE = "Burstable";
    public static final String BEST_EFFORT = "BestEffort";

    private static final Set<String> QOS_RESOURCES = Set.of(Resources.CPU, Resources.MEMORY);

    private QosClasses() {}

    public static String of(Pod pod) {
        List<Container> all = new ArrayList<>();
        if (pod.getSpec() != null) {
            if (pod.getSpec().getInitContainers() != null) {
                all.addAll(pod.getSpec().getInitContainers());
            }
            if (pod.getSpec().getContainers() != null) {
                all.addAll(pod.getSpec().getContainers());
            }
        }
        Map<String, BigDecimal> requests = new HashMap<>();
        Map<String, BigDecimal> limits = new HashMap<>();
        boolean everyContainerLimitsBoth = true;
        for (Container c : all) {
            Map<String, Quantity> req =
                    c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> lim =
                    c.getResources() == null ? null : c.getResources().getLimits();
            addPositive(req, requests);
            Set<String> limited = addPositive(lim, limits);
            if (!limited.containsAll(QOS_RESOURCES)) {
                everyContainerLimitsBoth = false;
            }
        }
        if (requests.isEmpty() && limits.isEmpty()) {
            return BEST_EFFORT;
        }
        if (!everyContainerLimitsBoth || requests.size() != limits.size()) {
            return BURSTABLE;
        }
        for (Map.Entry<String, BigDecimal> r : requests.entrySet()) {
            BigDecimal l = limits.get(r.getKey());
            if (l == null || l.compareTo(r.getValue()) != 0) {
                return BURSTABLE;
            }
        }
        return GUARANTEED;
    }

    private static Set<String> addPositive(Map<String, Quantity> from, Map<String, BigDecimal> into) {
        Set<String> seen = new java.util.HashSet<>();
        if (from == null) {
            return seen;
        }
        from.forEach((name, q) -> {
            if (QOS_RESOURCES.contains(name)
                    && q != null
                    && q.getNumericalAmount().signum() > 0) {
                seen.add(name);
                into.merge(name, q.getNumericalAmount(), BigDecimal::add);
            }
        });
        return seen;
    }
}
