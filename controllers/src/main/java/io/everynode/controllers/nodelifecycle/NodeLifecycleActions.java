package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;

/** Everything node lifecycle writes, through the API. Implementations throw on failure. */
public interface NodeLifecycleActions {
    /** Writes the node's status.conditions (the whole list) through the status subresource. */
    void updateNodeConditions(Node node, List<NodeCondition> conditions);

    /** Writes the node's spec.taints (the whole list). */
    void updateNodeTaints(Node node, List<Taint> taints);

    /** Sets (adds or replaces by type) one condition in the pod's status. */
    void updatePodCondition(Pod pod, PodCondition condition);

    /** Graceful delete (the pod's own grace period). */
    void deletePod(Pod pod);

    void recordEvent(Pod regarding, String type, String reason, String message);
}
