package io.everynode.controllers.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory cluster that is both the world and the actions: writes are recorded as text and
 * applied, so a scenario can run several passes.
 */
final class LifecycleWorld implements NodeLifecycleWorld, NodeLifecycleActions {
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, Lease> leases = new LinkedHashMap<>();
    final Map<String, Pod> pods = new LinkedHashMap<>();
    final List<String> log = new ArrayList<>();

    void put(Node n) {
        nodes.put(n.getMetadata().getName(), n);
    }

    void put(Pod p) {
        pods.put(p.getMetadata().getName(), p);
    }

    void renewLease(String node, Instant at) {
        leases.put(
                node,
                new LeaseBuilder()
                        .withNewMetadata()
                        .withNamespace("kube-node-lease")
                        .withName(node)
                        .endMetadata()
                        .withNewSpec()
                        .withHolderIdentity(node)
                        .withRenewTime(at.atZone(ZoneOffset.UTC))
                        .endSpec()
                        .build());
    }

    @Override
    public List<Node> nodes() {
        return new ArrayList<>(nodes.values());
    }

    @Override
    public Optional<Node> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    @Override
    public Optional<Lease> lease(String nodeName) {
        return Optional.ofNullable(leases.get(nodeName));
    }

    @Override
    public List<Pod> podsOnNode(String nodeName) {
        return pods.values().stream()
                .filter(p -> nodeName.equals(p.getSpec().getNodeName()))
                .toList();
    }

    @Override
    public void updateNodeConditions(Node node, List<NodeCondition> conditions) {
        log.add("conditions " + node.getMetadata().getName());
        put(new NodeBuilder(nodes.get(node.getMetadata().getName()))
                .editOrNewStatus()
                .withConditions(conditions)
                .endStatus()
                .build());
    }

    @Override
    public void updateNodeTaints(Node node, List<Taint> taints) {
        StringBuilder sb = new StringBuilder("taints " + node.getMetadata().getName() + ":");
        taints.forEach(t -> sb.append(' ').append(t.getKey()).append(':').append(t.getEffect()));
        log.add(sb.toString());
        put(new NodeBuilder(nodes.get(node.getMetadata().getName()))
                .editOrNewSpec()
                .withTaints(taints)
                .endSpec()
                .build());
    }

    @Override
    public void updatePodCondition(Pod pod, PodCondition c) {
        log.add("condition " + pod.getMetadata().getName() + " " + c.getType() + "=" + c.getStatus() + " "
                + c.getReason() + ": " + c.getMessage());
    }

    @Override
    public void deletePod(Pod pod) {
        log.add("delete " + pod.getMetadata().getName());
        pods.remove(pod.getMetadata().getName());
    }

    @Override
    public void recordEvent(Pod regarding, String type, String reason, String message) {
        log.add("event " + regarding.getMetadata().getName() + " " + type + " " + reason + ": " + message);
    }
}
