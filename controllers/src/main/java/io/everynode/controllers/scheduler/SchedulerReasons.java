package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;

/**
 * The scheduler's reasons for turning a node down, for readers outside the scheduler (the
 * advisor's {@code why}): the same words and the same resource arithmetic the filters use, so an
 * explanation and a FailedScheduling message never disagree. Pure.
 */
public final class SchedulerReasons {
    /** nodeSelector or required node affinity (R1.3, R1.4), in upstream's words. */
    public static final String NODE_AFFINITY = NodeAffinityFilter.REASON;

    private SchedulerReasons() {}

    /** An untolerated NoSchedule/NoExecute taint (R1.5), in upstream's "{key: value}" form. */
    public static String untoleratedTaint(Taint taint) {
        return TaintTolerationFilter.reason(taint);
    }

    /**
     * Every resource {@code pod} is short of on {@code node} when {@code podsOnNode} (non-terminal
     * pods bound there) already run: NodeResourcesFilter's own check. Empty when it fits.
     */
    public static List<Shortfall> shortfalls(Pod pod, Node node, List<Pod> podsOnNode) {
        return NodeResourcesFilter.shortfalls(pod, new NodeInfo(node, podsOnNode, List.of()));
    }

    /**
     * One short resource: {@code reason} as FailedScheduling counts it ("Insufficient cpu", "Too
     * many pods"); amounts in canonical units (cpu in millicores, memory in bytes, pods as a count).
     */
    public record Shortfall(String resource, String reason, long requested, long free, long allocatable) {}
}
