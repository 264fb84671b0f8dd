package io.everynode.cli.bench;

import io.everynode.api.Pods;
import io.everynode.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark's tally of the pods it watches: which reached which stage, per image, as a pod
 * informer reports them. It only looks; the agents run the pods and write their status (the
 * Ready condition comes from each node's agent, never from the benchmark).
 *
 * <p>Threading: handler calls come one at a time from the informer; the counts are read from the
 * benchmark's thread, so everything is in concurrent collections.
 */
final class PodTally {
    enum Stage {
        CREATED,
        BOUND,
        READY
    }

    /** image → stage → uids that reached it (never removed: stages are "ever reached"). */
    private final Map<String, Map<Stage, Set<String>>> reached = new ConcurrentHashMap<>();
    /** uid → image of every pod not yet deleted. */
    private final Map<String, String> live = new ConcurrentHashMap<>();
    /** node name → System.nanoTime() when a pod on it was first seen bound, and Ready. */
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();

    private final Map<String, Long> readyAt = new ConcurrentHashMap<>();

    /** What a pod informer is told, for this tally. */
    ResourceEventHandler<Pod> handler() {
        return ResourceEventHandler.observing(
                this::observe, pod -> live.remove(pod.getMetadata().getUid()));
    }

    private void observe(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String image = pod.getSpec().getContainers().get(0).getImage();
        String node = pod.getSpec().getNodeName();
        live.put(uid, image);
        mark(image, Stage.CREATED, uid);
        if (node == null || node.isEmpty()) return;
        mark(image, Stage.BOUND, uid);
        boundAt.putIfAbsent(node, System.nanoTime());
        if (Pods.isReady(pod)) {
            mark(image, Stage.READY, uid);
            readyAt.putIfAbsent(node, System.nanoTime());
        }
    }

    private void mark(String image, Stage stage, String uid) {
        reached.computeIfAbsent(image, i -> new ConcurrentHashMap<>())
                .computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet())
                .add(uid);
    }

    int count(String image, Stage stage) {
        Map<Stage, Set<String>> byStage = reached.get(image);
        Set<String> uids = byStage == null ? null : byStage.get(stage);
        return uids == null ? 0 : uids.size();
    }

    /** Pods of {@code image} not yet deleted. */
    int live(String image) {
        int n = 0;
        for (String i : live.values()) if (i.equals(image)) n++;
        return n;
    }

    /** When a pod on {@code node} was first seen bound (System.nanoTime()), or 0. */
    long boundAt(String node) {
        return boundAt.getOrDefault(node, 0L);
    }

    /** When a pod on {@code node} was first seen Ready (System.nanoTime()), or 0. */
    long readyAt(String node) {
        return readyAt.getOrDefault(node, 0L);
    }
}
