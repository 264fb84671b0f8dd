package io.everynode.controllers.scheduler;

import io.everynode.api.scheduling.DaemonTolerations;
import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.Optional;

/**
 * A cordoned node (spec.unschedulable) takes only pods tolerating
 * node.kubernetes.io/unschedulable:NoSchedule, as daemon pods do (R1.9). Upstream plugin
 * NodeUnschedulable; it reads the spec field, not the taint, so it works before node lifecycle
 * has added the taint (R10.2).
 */
final class NodeUnschedulableFilter implements Filter {
    static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new TaintBuilder()
            .withKey(DaemonTolerations.UNSCHEDULABLE)
            .withEffect(Tolerations.NO_SCHEDULE)
            .build();

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        Boolean cordoned =
                node.node().getSpec() == null ? null : node.node().getSpec().getUnschedulable();
        if (!Boolean.TRUE.equals(cordoned)
                || Tolerations.tolerated(UNSCHEDULABLE, pod.getSpec().getTolerations())) {
            return Optional.empty();
        }
        return Optional.of(Rejection.unresolvable("NodeUnschedulable", REASON));
    }
}
