package io.everynode.apiserver.auth.node;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.apiserver.watch.ObjectCache;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps a {@link NodeGraph} in step with the watch cache: loads the pods and claims once, then
 * applies every change to either, as upstream's graph populator does with its informers.
 *
 * <p>Threading: changes arrive on the cache's thread. The load holds the graph's lock while the
 * subscription is already open, so a change that lands during the load waits for it and is
 * applied after it (the load read that change's state or an older one; either way the change is
 * the newest).
 */
public final class NodeGraphFeed implements AutoCloseable {
    private final NodeGraph graph;
    private final AutoCloseable subscription;

    private NodeGraphFeed(NodeGraph graph, AutoCloseable subscription) {
        this.graph = graph;
        this.subscription = subscription;
    }

    /** Starts following {@code cache}; the graph is complete up to the cache's revision when this returns. */
    public static NodeGraphFeed follow(ObjectCache cache) {
        NodeGraph graph = new NodeGraph();
        AutoCloseable sub;
        synchronized (graph) {
            ObjectCache.Snapshot pods = cache.snapshotAndSubscribe(
                    ResourceTypes.PODS, ResourceTypes.PODS.listPrefix(null), e -> apply(graph, e));
            sub = pods.subscription();
            for (ObjectNode p : pods.items()) graph.putPod(key(p), p);
            for (ObjectNode c : cache.list(
                    ResourceTypes.PERSISTENT_VOLUME_CLAIMS, ResourceTypes.PERSISTENT_VOLUME_CLAIMS.listPrefix(null)))
                graph.putClaim(c);
        }
        return new NodeGraphFeed(graph, sub);
    }

    NodeGraph graph() {
        return graph;
    }

    /** The authorizer that reads this feed's graph. */
    public NodeAuthorizer authorizer() {
        return new NodeAuthorizer(graph);
    }

    private static void apply(NodeGraph graph, CacheEvent e) {
        if (sameType(e, ResourceTypes.PODS)) {
            if (e.type() == CacheEvent.Type.DELETED) graph.removePod(key(e.object()));
            else graph.putPod(key(e.object()), e.object());
        } else if (sameType(e, ResourceTypes.PERSISTENT_VOLUME_CLAIMS)) {
            if (e.type() == CacheEvent.Type.DELETED) {
                graph.removeClaim(
                        Json.text(e.object().path("metadata"), "namespace"),
                        Json.text(e.object().path("metadata"), "name"));
            } else {
                graph.putClaim(e.object());
            }
        }
    }

    private static boolean sameType(CacheEvent e, io.everynode.api.resource.ResourceType type) {
        return e.resource() != null && e.resource().keyPrefix().equals(type.keyPrefix());
    }

    private static String key(ObjectNode obj) {
        return Json.text(obj.path("metadata"), "namespace") + "/" + Json.text(obj.path("metadata"), "name");
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
