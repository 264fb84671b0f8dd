package io.everynode.agent;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the agent keeps of one pod beyond what the runtime and the API hold, one record per pod
 * uid; it goes when the agent forgets the pod. Written by the worker syncing the pod's key and
 * read by the eviction pass, hence concurrent fields.
 */
final class PodRecord {
    final String uid;
    /** Container name → restart count (the agent counts restarts, not the runtime). */
    final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    /** IDs of container instances stopped for a failed probe (they restart even under OnFailure). */
    final Set<String> probeKilled = ConcurrentHashMap.newKeySet();
    /**
     * Container name → the spec image its current instance was started with (E6.2: a different
     * image in the spec replaces the container in place).
     */
    final Map<String, String> startedImages = new ConcurrentHashMap<>();
    /** IDs of container instances already asked to stop for a new image (asked once each). */
    final Set<String> replaced = ConcurrentHashMap.newKeySet();
    /** Container name → the terminated instance a BackOff event was recorded for (one per crash). */
    final Map<String, String> backoffAnnounced = new ConcurrentHashMap<>();
    /**
     * Container name → why it cannot start (a ConfigMap or Secret its environment names is
     * missing): it waits in CreateContainerConfigError until the source appears.
     */
    final Map<String, String> configErrors = new ConcurrentHashMap<>();
    /** Whether the pod's configMap and secret volumes were written once: from then on its containers may start. */
    volatile boolean volumesSetUp;
    /** The last FailedMount message recorded (one event per distinct message), null once volumes are set up. */
    volatile String mountFailure;
    /** The ServiceAccount tokens of the pod's projected volumes, refreshed at 80% of their life. */
    final PodTokens tokens = new PodTokens();
    /** The eviction message once the eviction manager chose the pod: it ends Failed/Evicted and never starts again. */
    volatile String eviction;

    PodRecord(String uid) {
        this.uid = uid;
    }
}
