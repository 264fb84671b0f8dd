package io.everynode.agent.process;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/** A pod the runtime holds: its containers by name, in start order. Guarded by the runtime's lock. */
final class PodEntry {
    final String uid;
    final String key;
    Pod pod;
    final Map<String, ContainerSlot> slots = new LinkedHashMap<>();
    boolean stopping;

    PodEntry(String uid, String key, Pod pod) {
        this.uid = uid;
        this.key = key;
        this.pod = pod;
    }
}
