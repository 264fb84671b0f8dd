package io.everynode.apiserver.audit;

import tools.jackson.databind.node.ObjectNode;

/** Where audit events go (upstream's audit backend). Called concurrently. */
@FunctionalInterface
public interface AuditSink {
    void write(ObjectNode event);
}
