package io.everynode.e2e;

import io.everynode.client.KubeClient;
import io.everynode.client.ObjectList;
import io.everynode.client.WatchEvent;
import io.everynode.client.WatchHandle;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watches one DaemonSet's pods and takes a {@link Sample} of the whole fleet after every event,
 * so a moment when a budget was exceeded cannot slip between two polls. A node "serves" when it
 * has a Ready pod that is not terminating: what a user of the agent on that node sees.
 */
final class RolloutWatch implements AutoCloseable {
    /**
     * The fleet after one event.
     *
     * @param nodesNotServing nodes without a Ready pod that is not terminating
     * @param nodesWithTwoPods nodes with two pods not terminating (a surge pod beside the old one)
     * @param pods every pod, terminating ones included
     */
    record Sample(Set<String> nodesNotServing, int nodesWithTwoPods, int pods) {}

    private final List<String> nodes;
    private final Map<String, Pod> pods = new HashMap<>();
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final WatchHandle handle;

    /** Lists the pods of {@code app=name}, then watches from the list's resourceVersion. */
    RolloutWatch(KubeClient client, String namespace, String app, List<String> nodes) {
        this.nodes = List.copyOf(nodes);
        String selector = "app=" + app;
        ObjectList<Pod> list = client.list(
                Pod.class,
                namespace,
                new ListOptionsBuilder().withLabelSelector(selector).build());
        synchronized (pods) {
            for (Pod p : list.items()) pods.put(p.getMetadata().getUid(), p);
            samples.add(sample());
        }
        handle = client.watch(
                Pod.class,
                namespace,
                new ListOptionsBuilder()
                        .withLabelSelector(selector)
                        .withResourceVersion(list.resourceVersion())
                        .build(),
                this::onEvent);
    }

    private void onEvent(WatchEvent<Pod> e) {
        if (e.type() == WatchEvent.Type.BOOKMARK) return;
        synchronized (pods) {
            if (e.type() == WatchEvent.Type.DELETED)
                pods.remove(e.object().getMetadata().getUid());
            else pods.put(e.object().getMetadata().getUid(), e.object());
            samples.add(sample());
        }
    }

    private Sample sample() {
        Set<String> serving = new TreeSet<>();
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod p : pods.values()) {
            String node = p.getSpec().getNodeName();
            if (node == null) node = nodeOfAffinity(p);
            // A terminating pod is on its way out: upstream counts surge among the others only (R5.5).
            if (p.getMetadata().getDeletionTimestamp() == null) perNode.merge(node, 1, Integer::sum);
            if (GuideCluster.ready(p)) serving.add(node);
        }
        Set<String> notServing = new TreeSet<>(nodes);
        notServing.removeAll(serving);
        int twoPods = (int) perNode.values().stream().filter(n -> n > 1).count();
        return new Sample(notServing, twoPods, pods.size());
    }

    /** An unscheduled daemon pod's node, from the matchFields term the DaemonSet controller writes. */
    private static String nodeOfAffinity(Pod p) {
        try {
            return p.getSpec()
                    .getAffinity()
                    .getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms()
                    .get(0)
                    .getMatchFields()
                    .get(0)
                    .getValues()
                    .get(0);
        } catch (RuntimeException e) {
            return "";
        }
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    int maxNodesNotServing() {
        return samples().stream()
                .mapToInt(s -> s.nodesNotServing().size())
                .max()
                .orElse(0);
    }

    @Override
    public void close() {
        handle.close();
    }
}
