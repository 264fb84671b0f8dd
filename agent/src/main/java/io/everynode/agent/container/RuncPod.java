package io.everynode.agent.container;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pod as the runc runtime holds it; guarded by the runtime's lock. */
final class RuncPod {
    final String uid;
    final String key;
    Pod pod;
    /** The pod's address: its network's first, or the node's with hostNetwork; null until set up. */
    String podIP;
    /** All the pod's addresses, {@link #podIP} first; empty until set up. */
    java.util.List<String> podIPs = java.util.List.of();
    /** The pod's network namespace, or null with hostNetwork. */
    java.nio.file.Path netns;

    boolean stopping;
    final Map<String, RuncSlot> slots = new LinkedHashMap<>();

    RuncPod(String uid, String key, Pod pod) {
        this.uid = uid;
        this.key = key;
        this.pod = pod;
    }
}
