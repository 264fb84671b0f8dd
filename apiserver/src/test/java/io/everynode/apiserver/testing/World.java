package io.everynode.apiserver.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the world that controllers and kubelets would make, through the API itself (as
 * upstream's integration tests do): namespaces, nodes, DaemonSets, DaemonSet-owned pods bound to
 * a node, ControllerRevisions and core v1 Events.
 */
public final class World {
    private final RawApi api;

    public World(RawApi api) {
        this.api = api;
    }

    public RawApi api() {
        return api;
    }

    public ObjectNode namespace(String name) {
        return api.create("/api/v1/namespaces", """
                {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"}}""".formatted(name));
    }

    public ObjectNode node(String name) {
        return api.create("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"}},
                 "status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status",
                   "lastHeartbeatTime":"%s","lastTransitionTime":"%s"}],
                   "addresses":[{"type":"InternalIP","address":"10.0.0.1"}],
                   "capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
                   "nodeInfo":{"kubeletVersion":"v1.35.2","osImage":"Debian","kernelVersion":"6.1","containerRuntimeVersion":"everynode://1",
                     "machineID":"m","systemUUID":"s","bootID":"b","kubeProxyVersion":"","operatingSystem":"linux","architecture":"amd64"}}}
                """.formatted(name, name, now(), now()));
    }

    /** A small complete DaemonSet selecting {@code app=<name>}. */
    public ObjectNode daemonSet(String ns, String name) {
        return api.create("/apis/apps/v1/namespaces/" + ns + "/daemonsets", daemonSetJson(name));
    }

    public static String daemonSetJson(String name) {
        return """
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"%s"},
                 "spec":{"selector":{"matchLabels":{"app":"%s"}},
                  "template":{"metadata":{"labels":{"app":"%s"}},"spec":{"containers":[{"name":"agent","image":"busybox:1.36"}]}}}}
                """.formatted(name, name, name);
    }

    /** A pod the DaemonSet controller would make: controller ownerReference and bound to {@code node}. */
    public ObjectNode daemonPod(ObjectNode ds, String podName, String node) {
        String ns = ds.at("/metadata/namespace").asString();
        String app = ds.at("/metadata/name").asString();
        return api.create("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"%s"},
                  "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"%s","uid":"%s","controller":true,"blockOwnerDeletion":true}]},
                 "spec":{"nodeName":"%s","containers":[{"name":"agent","image":"busybox:1.36"}]}}
                """.formatted(
                        podName, app, app, ds.at("/metadata/uid").asString(), node));
    }

    /** A pod with no owner, bound to {@code node} when it is not null. */
    public ObjectNode barePod(String ns, String name, String node, String labelsJson) {
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        return api.create("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":%s},
                 "spec":{%s"containers":[{"name":"app","image":"nginx:1.27"}]}}
                """.formatted(name, labelsJson, nodeName));
    }

    /** A ControllerRevision owned by the DaemonSet, as the controller writes it (R4). */
    public ObjectNode revision(ObjectNode ds, String name, long revision) {
        String ns = ds.at("/metadata/namespace").asString();
        String app = ds.at("/metadata/name").asString();
        return api.create("/apis/apps/v1/namespaces/" + ns + "/controllerrevisions", """
                {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"%s","labels":{"app":"%s","controller-revision-hash":"abc"},
                  "ownerReferences":[{"apiVersion":"apps/v1","kind":"DaemonSet","name":"%s","uid":"%s","controller":true,"blockOwnerDeletion":true}]},
                 "revision":%d,"data":{"spec":{"template":{"$patch":"replace","metadata":{"labels":{"app":"%s"}}}}}}
                """.formatted(
                        name, app, app, ds.at("/metadata/uid").asString(), revision, app));
    }

    /** A core v1 Event about {@code obj} (kind and apiVersion given, as they are not on stored objects' reads). */
    public ObjectNode event(
            ObjectNode obj, String kind, String apiVersion, String type, String reason, String message) {
        String ns = obj.at("/metadata/namespace").isMissingNode()
                ? "default"
                : obj.at("/metadata/namespace").asString();
        String objNs = obj.at("/metadata/namespace").isMissingNode()
                ? ""
                : obj.at("/metadata/namespace").asString();
        String name = obj.at("/metadata/name").asString();
        String uid = kind.equals("Node") ? name : obj.at("/metadata/uid").asString();
        return api.create("/api/v1/namespaces/" + ns + "/events", """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"%s.%s"},
                 "involvedObject":{"kind":"%s","namespace":"%s","name":"%s","uid":"%s","apiVersion":"%s"},
                 "reason":"%s","message":"%s","type":"%s","count":1,"source":{"component":"daemonset-controller"},
                 "firstTimestamp":"%s","lastTimestamp":"%s"}
                """.formatted(
                        name,
                        Long.toHexString(System.nanoTime()),
                        kind,
                        objNs,
                        name,
                        uid,
                        apiVersion,
                        reason,
                        message,
                        type,
                        now(),
                        now()));
    }

    /** Sets the pod's Ready condition through pods/status, as the kubelet would. */
    public ObjectNode markReady(String ns, String pod) {
        return api.patch(
                        "/api/v1/namespaces/" + ns + "/pods/" + pod + "/status",
                        "application/merge-patch+json",
                        """
                {"status":{"phase":"Running","conditions":[{"type":"Ready","status":"True","lastTransitionTime":"%s"}]}}
                """.formatted(now()))
                .assertCode(200)
                .json();
    }

    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
