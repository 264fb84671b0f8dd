package io.everynode.advisor.lint;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EN002: a container without cpu and memory requests or without a memory limit, the guide's
 * first mistake ("a logging agent with a memory leak can OOM-kill application Pods on the same
 * node"). Without requests the pod is BestEffort and evicted first (R9.1, R9.3); without a memory
 * limit a leak grows into its neighbours. A cpu limit is not asked for: cpu over a request is
 * throttled, not fatal to others. One finding per container, naming what it lacks.
 */
final class NoResources implements LintRule {
    @Override
    public String code() {
        return "EN002";
    }

    @Override
    public String name() {
        return "no-resources";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        List<Issue> out = new ArrayList<>();
        for (Containers.At c : Containers.all(w.podSpec())) {
            ResourceRequirements r = c.container().getResources();
            Map<String, Quantity> requests = r == null ? null : r.getRequests();
            Map<String, Quantity> limits = r == null ? null : r.getLimits();
            List<String> missing = new ArrayList<>();
            if (!has(requests, "cpu")) missing.add("requests.cpu");
            if (!has(requests, "memory")) missing.add("requests.memory");
            if (!has(limits, "memory")) missing.add("limits.memory");
            if (missing.isEmpty()) continue;
            out.add(new Issue(
                    Severity.WARNING,
                    c.path() + ".resources",
                    "container \"" + c.container().getName() + "\" sets no " + String.join(", ", missing)
                            + ": without requests it is scheduled blind and evicted first under pressure,"
                            + " without a memory limit a leak can OOM-kill the node's other pods"));
        }
        return out;
    }

    private static boolean has(Map<String, Quantity> m, String key) {
        return m != null && m.get(key) != null;
    }
}
