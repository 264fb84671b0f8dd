package io.everynode.agent;

import io.everynode.client.KubeClient;

/**
 * The client each node's agent calls the API with, so that it acts as that node
 * ({@code system:node:NAME}: the Node authorizer then lets it read only what its own pods name,
 * and NodeRestriction lets it write only its own Node, Lease and pods). In process, one client
 * per node with that identity; over HTTP a lone agent's one client, whose credential (its node
 * certificate) says which node it is.
 */
@FunctionalInterface
public interface NodeClients {
    /** The client of node {@code nodeName}; the same one on every call for a node. */
    KubeClient forNode(String nodeName);

    /** Every node calls with {@code client} (a lone agent; tests on an open API server). */
    static NodeClients shared(KubeClient client) {
        return node -> client;
    }
}
