package io.everynode.controllers.testing;

import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test's stand-in for the node agents, which do not exist yet: one {@link #step()} finishes
 * every graceful delete (gracePeriodSeconds 0, as the kubelet does once containers stop) and marks
 * every bound, live, non-terminal pod Running and Ready through pods/status. Tests call it from
 * inside their Awaitility loops, so they can look at the cluster between steps.
 */
public final class Kubelet {
    private final KubeClient client;
    private final String namespace;
    private final Set<String> brokenImages = ConcurrentHashMap.newKeySet();

    public Kubelet(KubeClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Pods running {@code image} never become Ready (an image that cannot start). */
    public void breakImage(String image) {
        brokenImages.add(image);
    }

    /** One pass over the pods; returns true when it changed nothing (the node agents are idle). */
    public boolean step() {
        boolean idle = true;
        for (Pod p : client.list(Pod.class, namespace).items()) {
            if (p.getMetadata().getDeletionTimestamp() != null) {
                finishDelete(p);
                idle = false;
            } else if (p.getSpec().getNodeName() != null
                    && !terminal(p)
                    && !ready(p)
                    && !brokenImages.contains(p.getSpec().getContainers().get(0).getImage())) {
                markReady(p);
                idle = false;
            }
        }
        return idle;
    }

    public void finishDelete(Pod p) {
        try {
            client.delete(
                    Pod.class,
                    namespace,
                    p.getMetadata().getName(),
                    new DeleteOptionsBuilder().withGracePeriodSeconds(0L).build());
        } catch (ApiError e) {
            if (e.code() != 404) throw e;
        }
    }

    public void markReady(Pod p) {
        String now = Instant.now().toString();
        String container = p.getSpec().getContainers().get(0).getName();
        String image = p.getSpec().getContainers().get(0).getImage();
        patchStatus(
                p,
                "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\""
                        + now + "\"}],\"containerStatuses\":[{\"name\":\"" + container + "\",\"image\":\"" + image
                        + "\",\"imageID\":\"\",\"ready\":true,\"restartCount\":0,\"started\":true,\"state\":{\"running\":{\"startedAt\":\""
                        + now
                        + "\"}}}]}}");
    }

    /** The pod's containers exit with an error: phase Failed, not Ready (R2.7). */
    public void markFailed(Pod p) {
        String now = Instant.now().toString();
        patchStatus(
                p,
                "{\"status\":{\"phase\":\"Failed\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"lastTransitionTime\":\""
                        + now + "\"}]}}");
    }

    private void patchStatus(Pod p, String patch) {
        try {
            client.patch(Pod.class, namespace, p.getMetadata().getName(), PatchType.STRATEGIC, patch, "status");
        } catch (ApiError e) {
            if (e.code() != 404) throw e;
        }
    }

    public static boolean ready(Pod p) {
        return p.getStatus() != null
                && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean terminal(Pod p) {
        String phase = p.getStatus() == null ? null : p.getStatus().getPhase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    public static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).sorted().toList();
    }
}
