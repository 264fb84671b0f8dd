package io.everynode.cli.bench;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.client.ResourceEventHandler;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's N kubelets, driven by a pod informer: a pod seen bound is marked Running and
 * Ready at once (pods/status); a pod seen terminating is deleted with grace 0 (its containers
 * "stopped"). Also the benchmark's tally of which pods reached which stage, per image.
 *
 * <p>Threading: handler calls come one at a time from the informer and only record and enqueue;
 * the writes run on a small pool so the informer never waits for the API.
 */
final class Kubelets implements ResourceEventHandler<Pod>, AutoCloseable {
    enum Stage { CREATED, BOUND, READY }

    private final KubeClient client;
    private final ExecutorService workers;
    /** image → stage → uids that reached it (never removed: stages are "ever reached"). */
    private final Map<String, Map<Stage, Set<String>>> reached = new ConcurrentHashMap<>();
    /** uid → image of every pod not yet deleted. */
    private final Map<String, String> live = new ConcurrentHashMap<>();
    /** node name → System.nanoTime() when a pod bound to it was first seen. */
    private final Map<String, Long> boundAt = new ConcurrentHashMap<>();
    /** uids a status patch or a delete was already sent for. */
    private final Set<String> readied = ConcurrentHashMap.newKeySet();
    private final Set<String> deleted = ConcurrentHashMap.newKeySet();
    private final AtomicLong readyPatches = new AtomicLong();
    private final AtomicLong deletes = new AtomicLong();

    Kubelets(KubeClient client, int workers) {
        this.client = client;
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bench-kubelet");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void onAdd(Pod pod) {
        observe(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
        observe(newPod);
    }

    @Override
    public void onDelete(Pod pod) {
        live.remove(pod.getMetadata().getUid());
    }

    private void observe(Pod pod) {
        String uid = pod.getMetadata().getUid();
        String image = pod.getSpec().getContainers().get(0).getImage();
        String node = pod.getSpec().getNodeName();
        live.put(uid, image);
        mark(image, Stage.CREATED, uid);
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            if (deleted.add(uid)) workers.execute(() -> delete(pod));
            return;
        }
        if (node == null) return;
        mark(image, Stage.BOUND, uid);
        boundAt.putIfAbsent(node, System.nanoTime());
        if (ready(pod)) {
            mark(image, Stage.READY, uid);
        } else if (readied.add(uid)) {
            workers.execute(() -> markReady(pod));
        }
    }

    private void mark(String image, Stage stage, String uid) {
        reached.computeIfAbsent(image, i -> new ConcurrentHashMap<>()).computeIfAbsent(stage, s -> ConcurrentHashMap.newKeySet())
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

    /** When a pod bound to {@code node} was first seen (System.nanoTime()), or 0. */
    long boundAt(String node) {
        Long t = boundAt.get(node);
        return t == null ? 0 : t;
    }

    long readyPatches() {
        return readyPatches.get();
    }

    long deletes() {
        return deletes.get();
    }

    private void markReady(Pod pod) {
        String now = Instant.now().toString();
        try {
            client.patch(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), PatchType.STRATEGIC,
                    "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                            + "\"lastTransitionTime\":\"" + now + "\"}]}}", "status");
            readyPatches.incrementAndGet();
        } catch (ApiError e) {
            if (e.code() != 404) System.err.println("kubelet: marking " + pod.getMetadata().getName() + " ready: " + e.getMessage());
        }
    }

    private void delete(Pod pod) {
        try {
            client.delete(Pod.class, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
            deletes.incrementAndGet();
        } catch (ApiError e) {
            if (e.code() != 404) System.err.println("kubelet: deleting " + pod.getMetadata().getName() + ": " + e.getMessage());
        }
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
