package io.everynode.apiserver.auth.node;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.node.PodReferences.Kind;
import io.everynode.apiserver.auth.node.PodReferences.Ref;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Which node may read which object (upstream's node authorizer graph): pods bound to a node, the
 * objects each names ({@link PodReferences}), and the PersistentVolume each claim is bound to.
 * A check is a few map lookups, never a scan of the pods.
 *
 * <p>Each object is counted per node by the bound pods naming it, so one pod leaving does not
 * cut a node off an object another of its pods still names. Pods without {@code spec.nodeName}
 * are not in the graph. Thread-safe: every method holds the graph's lock.
 */
final class NodeGraph {
    /** A pod's contribution: its node and what it names. */
    private record Edges(String node, Set<Ref> refs) {}

    private final Map<String, Edges> pods = new HashMap<>();
    /** Per object: how many bound pods of each node name it. */
    private final Map<Ref, Map<String, Integer>> nodesByRef = new HashMap<>();
    /** Claim (namespace/name) to the PersistentVolume it is bound to. */
    private final Map<String, String> volumeOfClaim = new HashMap<>();
    /** PersistentVolume name to the claims bound to it. */
    private final Map<String, Set<Ref>> claimsOfVolume = new HashMap<>();

    /** Adds or replaces the pod under {@code key} (namespace/name). */
    synchronized void putPod(String key, JsonNode pod) {
        removePod(key);
        String node = Json.text(pod.path("spec"), "nodeName");
        if (node == null || node.isEmpty()) return;
        Set<Ref> refs = PodReferences.of(pod);
        pods.put(key, new Edges(node, refs));
        for (Ref r : refs) nodesByRef.computeIfAbsent(r, k -> new HashMap<>()).merge(node, 1, Integer::sum);
    }

    synchronized void removePod(String key) {
        Edges e = pods.remove(key);
        if (e == null) return;
        for (Ref r : e.refs()) {
            Map<String, Integer> nodes = nodesByRef.get(r);
            if (nodes == null) continue;
            nodes.computeIfPresent(e.node(), (n, c) -> c > 1 ? c - 1 : null);
            if (nodes.isEmpty()) nodesByRef.remove(r);
        }
    }

    /** Adds or replaces a PersistentVolumeClaim: the volume it is bound to ({@code spec.volumeName}). */
    synchronized void putClaim(JsonNode claim) {
        String ns = Json.text(claim.path("metadata"), "namespace");
        String name = Json.text(claim.path("metadata"), "name");
        removeClaim(ns, name);
        String volume = Json.text(claim.path("spec"), "volumeName");
        if (volume == null || volume.isEmpty()) return;
        volumeOfClaim.put(ns + "/" + name, volume);
        claimsOfVolume.computeIfAbsent(volume, v -> new HashSet<>()).add(new Ref(Kind.CLAIM, ns, name));
    }

    synchronized void removeClaim(String namespace, String name) {
        String volume = volumeOfClaim.remove(namespace + "/" + name);
        if (volume == null) return;
        Set<Ref> claims = claimsOfVolume.get(volume);
        claims.remove(new Ref(Kind.CLAIM, namespace, name));
        if (claims.isEmpty()) claimsOfVolume.remove(volume);
    }

    /** Whether a pod bound to {@code node} names {@code ref}. */
    synchronized boolean related(String node, Ref ref) {
        Map<String, Integer> nodes = nodesByRef.get(ref);
        return nodes != null && nodes.containsKey(node);
    }

    /** Whether a pod bound to {@code node} names a claim bound to the PersistentVolume {@code volume}. */
    synchronized boolean relatedVolume(String node, String volume) {
        for (Ref claim : claimsOfVolume.getOrDefault(volume, Set.of())) {
            if (related(node, claim)) return true;
        }
        return false;
    }

    /** How many bound pods the graph holds (for tests and metrics). */
    synchronized int podCount() {
        return pods.size();
    }
}
