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
 * NoExecute taints.
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
    /** NoExecute taints that came without timeAdded: when this controller first saw them. */
    private final Map<String, Instant> untimedTaintsSeen = new HashMap<>();

    public NodeLifecycleController(NodeLifecycleConfig config, NodeLifecycleWorld world, NodeLifecycleActions actions,
            Clock clock) {
        this.config = config;
        this.world = world;
        this.actions = actions;
        this.clock = clock;
    }

    /**
     * One health pass over every node (R10.1–R10.3). Returns when to run again: the earliest grace
     * deadline still ahead, but no later than one monitor period from now.
     */
    public Instant monitorNodeHealth() {
        Instant now = clock.instant();
        Instant next = now.plus(config.monitorPeriod());
        for (Node node : world.nodes()) {
            try {
                next = Times.earliest(next, syncNode(node, now));
            } catch (RuntimeException e) {
                LOG.warn("node {}: health update failed, retrying next pass", node.getMetadata().getName(), e);
            }
        }
        return next;
    }

    /** Returns the node's grace deadline if it is still ahead, else null. */
    private Instant syncNode(Node node, Instant now) {
        NodeHealth.Assessment health = NodeHealth.assess(node, world.lease(node.getMetadata().getName()), now, config);
        Node effective = node;
        if (health.conditions().isPresent()) {
            List<NodeCondition> conditions = health.conditions().get();
            actions.updateNodeConditions(node, conditions);
            effective = new NodeBuilder(node).editOrNewStatus().withConditions(conditions).endStatus().build();
        }
        Optional<List<Taint>> taints = ConditionTaints.reconcile(effective, now);
        if (taints.isPresent()) {
            actions.updateNodeTaints(effective, taints.get());
        }
        return health.deadline().isAfter(now) ? health.deadline() : null;
    }

    /**
     * Taint-based eviction for one node (R10.4): deletes pods that do not (or no longer) tolerate
     * its NoExecute taints. Returns when the next tolerationSeconds runs out, if one is pending.
     */
    public Optional<Instant> evictPods(String nodeName) {
        Optional<Node> node = world.node(nodeName);
        if (node.isEmpty()) {
            untimedTaintsSeen.keySet().removeIf(k -> k.startsWith(nodeName + "|"));
            return Optional.empty();
        }
        Instant now = clock.instant();
        forgetClearedTaints(node.get());
        TaintEviction.Plan plan = TaintEviction.plan(node.get(), world.podsOnNode(nodeName), now,
                taint -> addedAt(nodeName, taint, now));
        for (Pod pod : plan.evictNow()) {
            try {
                evict(pod);
            } catch (RuntimeException e) {
                LOG.warn("pod {}/{}: eviction failed, retrying", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), e);
                return Optional.of(now.plus(config.monitorPeriod()));
            }
        }
        return plan.nextCheck();
    }

    private void evict(Pod pod) {
        actions.updatePodCondition(pod, new PodConditionBuilder().withType(CONDITION_DISRUPTION_TARGET)
                .withStatus("True").withReason(REASON_DELETION_BY_TAINT_MANAGER)
                .withMessage(MESSAGE_DELETION_BY_TAINT_MANAGER).withLastTransitionTime(clock.instant().toString())
                .build());
        actions.deletePod(pod);
        actions.recordEvent(pod, "Normal", EVENT_TAINT_MANAGER_EVICTION, "Marking for deletion Pod "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    }

    private Instant addedAt(String nodeName, Taint taint, Instant now) {
        Instant stamped = Times.parse(taint.getTimeAdded());
        if (stamped != null) {
            return stamped;
        }
        return untimedTaintsSeen.computeIfAbsent(untimedKey(nodeName, taint), k -> now);
    }

    private void forgetClearedTaints(Node node) {
        String name = node.getMetadata().getName();
        Set<String> present = new HashSet<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            node.getSpec().getTaints().forEach(t -> present.add(untimedKey(name, t)));
        }
        untimedTaintsSeen.keySet().removeIf(k -> k.startsWith(name + "|") && !present.contains(k));
    }

    private static String untimedKey(String nodeName, Taint t) {
        return nodeName + "|" + t.getKey() + "|" + t.getValue() + "|" + t.getEffect();
    }
}
