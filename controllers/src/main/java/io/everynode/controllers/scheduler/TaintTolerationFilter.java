package io.everynode.controllers.scheduler;

import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.Optional;
import java.util.Set;

/**
 * The node's NoSchedule and NoExecute taints must all be tolerated (R1.5); PreferNoSchedule never
 * filters. The reason names the first untolerated taint, in upstream's "{key: value}" form.
 */
final class TaintTolerationFilter implements Filter {
    private static final Set<String> EFFECTS = Set.of(Tolerations.NO_SCHEDULE, Tolerations.NO_EXECUTE);

    @Override
    public Optional<Rejection> check(Pod pod, NodeInfo node) {
        var taints =
                node.node().getSpec() == null ? null : node.node().getSpec().getTaints();
        return Tolerations.untoleratedTaint(taints, pod.getSpec().getTolerations(), EFFECTS)
                .map(t -> Rejection.unresolvable("TaintToleration", reason(t)));
    }

    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.getKey() + ": "
                + (taint.getValue() == null ? "" : taint.getValue()) + "}";
    }
}
