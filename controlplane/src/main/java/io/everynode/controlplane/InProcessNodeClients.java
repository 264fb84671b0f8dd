package io.everynode.controlplane;

import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.KubeClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process clients that call as nodes: {@code system:node:NAME} in {@code system:nodes}, the
 * identity a node certificate gives over TLS, so that in-process agents (up's, the simulated
 * fleet's) meet the Node authorizer and NodeRestriction as joined agents do. One client per
 * node, made on first use (a client is a transport and a table of the served kinds: a thousand
 * cost little). {@link #forNode} fits the agent's {@code NodeClients}.
 */
public final class InProcessNodeClients implements AutoCloseable {
    private final ApiServer api;
    private final Map<String, KubeClient> clients = new ConcurrentHashMap<>();

    public InProcessNodeClients(ApiServer api) {
        this.api = api;
    }

    /** The identity of node {@code node}. */
    public static UserInfo user(String node) {
        return UserInfo.authenticated(UserInfo.NODE_PREFIX + node, "", List.of(UserInfo.NODES), Map.of());
    }

    /** The client of node {@code node}: the same one on every call. */
    public KubeClient forNode(String node) {
        return clients.computeIfAbsent(node, n -> InProcessTransport.client(api, user(n)));
    }

    @Override
    public void close() {
        for (KubeClient c : clients.values()) c.close();
        clients.clear();
    }
}
