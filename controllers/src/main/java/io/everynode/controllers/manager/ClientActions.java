package io.everynode.controllers.manager;

import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * What every controller's actions through the API share: the client its writes go through and
 * the recorder its events go to, off the sync path (the runner owns the recorder and closes it).
 *
 * @param <T> the kind the controller records events about
 */
public abstract class ClientActions<T extends HasMetadata> {
    protected final KubeClient client;
    private final EventRecorder events;

    protected ClientActions(KubeClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    /** Queues an event about {@code regarding}; returns at once. */
    public void recordEvent(T regarding, String type, String reason, String message) {
        events.record(regarding, type, reason, message);
    }
}
