package io.everynode.agent;

import io.everynode.client.KubeClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events a node agent records about pods and its node, as the kubelet does (source
 * component {@code kubelet}, host = the node's name): Pulling, Pulled, Failed, Created, Started,
 * Killing, Unhealthy, BackOff, Evicted, FailedMount. Best effort: an event that cannot be written
 * is logged and dropped, never failing the sync that records it.
 */
final class AgentEvents {
    private static final Logger LOG = LoggerFactory.getLogger(AgentEvents.class);
    static final String COMPONENT = "kubelet";

    private final KubeClient client;
    private final String nodeName;

    AgentEvents(KubeClient client, String nodeName) {
        this.client = client;
        this.nodeName = nodeName;
    }

    void normal(HasMetadata involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    void warning(HasMetadata involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    void record(HasMetadata involved, String type, String reason, String message) {
        try {
            client.createEvent(involved, type, reason, message, COMPONENT);
        } catch (RuntimeException e) {
            LOG.debug("node {}: event {} about {} not recorded: {}", nodeName, reason, involved.getMetadata().getName(), e.toString());
        }
    }
}
