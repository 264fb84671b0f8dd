package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetCondition;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link Harness} for rollouts held by partition, update selector or stages (E4.x, E5.x): edit
 * the DaemonSet's annotations and image as a user would, let the fake cluster settle, and read
 * which nodes run the current revision.
 */
class RolloutHarness extends Harness {
    /** Sets ({@code value} not null) or removes an annotation, as {@code kubectl annotate} does. */
    void annotate(String key, String value) {
        DaemonSet ds = FakeCluster.copy(ds(), DaemonSet.class);
        if (value == null) {
            ds.getMetadata().getAnnotations().remove(key);
        } else {
            ds.getMetadata().getAnnotations().put(key, value);
        }
        ds.getMetadata().setResourceVersion(ds.getMetadata().getResourceVersion() + "1");
        cluster.daemonSets.put("ds", ds);
    }

    /** A new template: the first container's image. */
    void newImage(String image) {
        cluster.editTemplate(
                "ds",
                d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image));
    }

    /** Syncs, marking every pod Ready, until a sync writes no pod. */
    void settle() {
        for (int i = 0; i < 30; i++) {
            sync();
            boolean wrote = !cluster.created.isEmpty() || !cluster.deleted.isEmpty();
            cluster.markAllReady();
            if (!wrote) {
                sync();
                if (cluster.created.isEmpty() && cluster.deleted.isEmpty()) return;
            }
        }
        throw new AssertionError("the rollout did not settle");
    }

    /** The DaemonSet's Progressing condition (E1.1). */
    DaemonSetCondition progressing() {
        return ds().getStatus().getConditions().stream()
                .filter(c -> RolloutProgress.TYPE.equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    /** The nodes running a pod of the current revision. */
    Set<String> updatedNodes() {
        String hash = currentHash();
        Set<String> out = new TreeSet<>();
        cluster.pods.values().stream()
                .filter(p -> hash.equals(PodFacts.label(p, PodFacts.HASH_LABEL)))
                .forEach(p -> out.add(PodFacts.targetNode(p)));
        return out;
    }
}
