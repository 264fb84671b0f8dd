package io.everynode.advisor.lint;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.ArrayList;
import java.util.List;

/**
 * EN006: a surge rollout of a pod that binds a hostPort. With maxSurge > 0 the new pod starts on
 * the node beside the old one before the old one goes (R5.5); both cannot bind the port, so the
 * new pod never runs and the rollout stalls (upstream accepts the manifest). A hostNetwork pod's
 * container ports are host ports (defaulted so, as the API server does). An error: it never works.
 */
final class HostPortWithSurge implements LintRule {
    @Override
    public String code() {
        return "EN006";
    }

    @Override
    public String name() {
        return "hostport-with-surge";
    }

    @Override
    public List<Issue> check(Workload w, LintContext context) {
        if (!w.isDaemonSet() || !RollingUpdates.surges(w.daemonSet())) return List.of();
        String surge = RollingUpdates.text(
                RollingUpdates.of(w.daemonSet()).orElseThrow().getMaxSurge());
        List<Issue> out = new ArrayList<>();
        for (Containers.At c : Containers.all(w.podSpec())) {
            List<ContainerPort> ports = c.container().getPorts();
            if (ports == null) continue;
            for (int i = 0; i < ports.size(); i++) {
                Integer hostPort = ports.get(i).getHostPort();
                if (hostPort == null || hostPort == 0) continue;
                out.add(new Issue(
                        Severity.ERROR,
                        c.path() + ".ports[" + i + "].hostPort",
                        "hostPort " + hostPort + " with maxSurge " + surge + ": the new pod starts beside the old one"
                                + " on the same node and cannot bind the port, so the rollout stalls; use maxSurge 0"
                                + " with maxUnavailable, or drop the hostPort"));
            }
        }
        return out;
    }
}
