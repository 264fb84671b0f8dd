package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node lifecycle (R10.1–R10.4): marks nodes whose kubelet went quiet as Unknown, keeps the
 * condition taints in step with conditions, and evicts pods that stop tolerating a node's
 * NoExecute taints. Every time it measures is on its own clock: silence from when it last saw a
 * node's status or Lease change ({@link NodeHealthRecord}), tolerations from when it first saw a
 * taint ({@link TaintSightings}); what nodes wrote is only compared with what they wrote before.
 *
 * <p>Threading: not thread-safe; one worker calls it. The caller runs {@link #monitorNodeHealth()}
 * when it returns (at most every monitor period) and {@link #evictPods(String)} per node when the
 * node changes or the returned time arrives. Each step decides from the caches first (pure
 * {@code NodeHealth}, {@code ConditionTaints}, {@code TaintEviction}), then writes.
 */
public final class NodeLifecycleController {
    public static final String CONDITION_DISRUPTION_TARGET = "DisruptionTarget";
    public static final String REASON_DELETION_BY_TAINT_MANAGER = "DeletionByTaintManager";
    public static final String MESSAGE_DELETION_BY_TAINT_MANAGER = "Taint manager: deleting due to NoExecute taint";
    public static final String EVENT_TAINT_MANAGER_EVICTION = "TaintManagerEviction";

    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleController.class);

    private final NodeLifecycleConfig config;
    private final NodeLifecycleWorld world;
    private final NodeLifecycleActions actions;
    private final Clock clock;
    /** Per node name, what was last observed of its signs of life (R10.1). */
    private final Map<String, NodeHealthRecord> health = new HashMap<>();
    /** When each NoExecute taint was first seen: tolerationSeconds count from there (R10.4). */
    private final TaintSightings taintSightings = new TaintSightings();

    public NodeLifecycleController(
            NodeLifecycleConfig config, NodeLifecycleWorld world, NodeLifecycleActions actions, Clock clock) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * One health pass over every node (R10.1–R10.3). Returns when to run again: the earliest grace
     * deadline still ahead, but no later than one monitor period from now. Signs of life are
     * observed only in these passes, so the caller must run one at least every monitor period.
     */
    public Instant monitorNodeHealth() {
        Instant now = clock.instant();
        Instant next = now.plus(config.monitorPeriod());
        Set<String> listed = new HashSet<>();
        for (Node node : world.nodes()) {
            listed.add(node.getMetadata().getName());
            try {
                next = Times.earliest(next, syncNode(node, now));
            } catch (RuntimeException e) {
                LOG.warn(
                        "node {}: health update failed, retrying next pass",
                        node.getMetadata().getName(),
                        e);
            }
        }
        health.keySet().retainAll(listed);
        return next;
    }

    /** Returns the node's grace deadline if it is still ahead, else null. */
    private Instant syncNode(Node node, Instant now) {
        String name = node.getMetadata().getName();
        NodeHealthRecord record = NodeHealthRecord.observe(health.get(name), node, world.lease(name), now);
        health.put(name, record);
        NodeHealth.Assessment assessment = NodeHealth.assess(node, record, now, config);
        Node effective = node;
        if (assessment.conditions().isPresent()) {
            List<NodeCondition> conditions = assessment.conditions().get();
            actions.updateNodeConditions(node, conditions);
            effective = new NodeBuilder(node)
                    .editOrNewStatus()
                    .withConditions(conditions)
                    .endStatus()
                    .build();
            health.put(name, record.afterOwnWrite(NodeHealth.condition(effective, NodeHealth.READY)));
        }
        Optional<List<Taint>> taints = ConditionTaints.reconcile(effective, now);
        if (taints.isPresent()) {
            actions.updateNodeTaints(effective, taints.get());
            for (Taint t : ConditionTaints.addedNoExecute(effective, taints.get())) {
                taintSightings.added(node, t, now);
            }
        }
        return assessment.deadline().isAfter(now) ? assessment.deadline() : null;
    }

    /**
     * Taint-based eviction for one node (R10.4): deletes pods that do not (or no longer) tolerate
     * its NoExecute taints. Returns when the next tolerationSeconds runs out, if one is pending.
     */
    public Optional<Instant> evictPods(String nodeName) {
        Optional<Node> node = world.node(nodeName);
        if (node.isEmpty()) {
            taintSightings.forget(nodeName);
            return Optional.empty();
        }
        Instant now = clock.instant();
        taintSightings.observe(node.get(), now);
        TaintEviction.Plan plan = TaintEviction.plan(
                node.get(), world.podsOnNode(nodeName), now, taint -> taintSightings.since(node.get(), taint, now));
        for (Pod pod : plan.evictNow()) {
            try {
                evict(pod);
            } catch (RuntimeException e) {
                LOG.warn(
                        "pod {}/{}: eviction failed, retrying",
                        pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(),
                        e);
                return Optional.of(now.plus(config.monitorPeriod()));
            }
        }
        return plan.nextCheck();
    }

    private void evict(Pod pod) {
        actions.updatePodCondition(
                pod,
                new PodConditionBuilder()
                        .withType(CONDITION_DISRUPTION_TARGET)
                        .withStatus("True")
                        .withReason(REASON_DELETION_BY_TAINT_MANAGER)
                        .withMessage(MESSAGE_DELETION_BY_TAINT_MANAGER)
                        .withLastTransitionTime(clock.instant().toString())
                        .build());
        actions.deletePod(pod);
        actions.recordEvent(
                pod,
                "Normal",
                EVENT_TAINT_MANAGER_EVICTION,
                "Marking for deletion Pod " + pod.getMetadata().getNamespace() + "/"
                        + pod.getMetadata().getName());
    }
}
