package io.everynode.apiserver.auth.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Admission.Operation;
import io.everynode.apiserver.registry.Caller;
import io.everynode.apiserver.registry.WriteContext;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class NodeRestrictionTest {
    private final NodeRestriction plugin = new NodeRestriction();
    private final Map<String, ObjectNode> objects = new HashMap<>();
    private final WriteContext.Lookup lookup = new WriteContext.Lookup() {
        @Override
        public ObjectNode get(ResourceType type, String namespace, String name) {
            return objects.get(type.key(namespace, name));
        }

        @Override
        public Collection<ObjectNode> list(ResourceType type, String namespace) {
            return List.of();
        }

        @Override
        public Collection<ObjectNode> listConsistent(ResourceType type, String namespace) {
            return List.of();
        }
    };

    private static ObjectNode json(String s) {
        return (ObjectNode) Json.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode node(String name, String labelsJson, String taintsJson) {
        return json("{\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"uid-" + name + "\",\"labels\":" + labelsJson
                + "},\"spec\":{\"taints\":" + taintsJson + "}}");
    }

    private static ObjectNode pod(String name, String node) {
        return json("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"" + name + "\",\"uid\":\"uid-" + name
                + "\",\"labels\":{\"app\":\"x\"}},\"spec\":{\"nodeName\":\"" + node + "\"}}");
    }

    private Admission.Request req(
            Operation op, ResourceType type, String ns, String name, String sub, ObjectNode obj, ObjectNode old) {
        return new Admission.Request(
                op, type, ns, name, sub, obj, old, Caller.of(NodeAuthorizerTest.NODE_A), false, lookup);
    }

    private String refusal(Admission.Request r) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> plugin.admit(r));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.code()).isEqualTo(403);
        return e.status().path("message").asString();
    }

    @Test
    void writesByUsersThatAreNoNodePassUntouched() {
        Admission.Request r = new Admission.Request(
                Operation.UPDATE,
                ResourceTypes.NODES,
                null,
                "b",
                null,
                node("b", "{}", "[]"),
                node("b", "{}", "[]"),
                Caller.server(),
                false,
                lookup);
        assertThatCode(() -> plugin.admit(r)).doesNotThrowAnyException();
    }

    @Test
    void aNodeModifiesOnlyItsOwnNode() {
        ObjectNode b = node("b", "{}", "[]");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.NODES, null, "b", null, b, b)))
                .isEqualTo("nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.NODES, null, "b", "status", b, b)))
                .isEqualTo("nodes \"b\" is forbidden: node \"a\" is not allowed to modify node \"b\"");
        ObjectNode a = node("a", "{}", "[]");
        assertThatCode(() -> plugin.admit(req(Operation.UPDATE, ResourceTypes.NODES, null, "a", "status", a, a)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNodeCannotLabelItselfIntoRestrictedOrUnknownKubernetesLabels() {
        ObjectNode before = node("a", "{\"kubernetes.io/hostname\":\"a\"}", "[]");
        ObjectNode restricted =
                node("a", "{\"kubernetes.io/hostname\":\"a\",\"node-restriction.kubernetes.io/x\":\"1\"}", "[]");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.NODES, null, "a", null, restricted, before)))
                .isEqualTo(
                        "nodes \"a\" is forbidden: is not allowed to modify labels: node-restriction.kubernetes.io/x");
        ObjectNode role =
                node("a", "{\"node-role.kubernetes.io/control-plane\":\"\",\"example.k8s.io/y\":\"1\"}", "[]");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.NODES, null, "a", null, role, null)))
                .isEqualTo("nodes \"a\" is forbidden: node \"a\" is not allowed to set the following labels: "
                        + "example.k8s.io/y, node-role.kubernetes.io/control-plane");
        ObjectNode removed = node("a", "{}", "[]");
        ObjectNode hadRestricted = node("a", "{\"node-restriction.kubernetes.io/x\":\"1\"}", "[]");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.NODES, null, "a", null, removed, hadRestricted)))
                .contains("is not allowed to modify labels: node-restriction.kubernetes.io/x");

        ObjectNode allowed = node(
                "a",
                "{\"kubernetes.io/hostname\":\"a\",\"topology.kubernetes.io/zone\":\"z\","
                        + "\"node.kubernetes.io/exclude-from-external-load-balancers\":\"\",\"everynode.io/runtime\":\"x\"}",
                "[]");
        assertThatCode(() -> plugin.admit(req(Operation.CREATE, ResourceTypes.NODES, null, "a", null, allowed, null)))
                .doesNotThrowAnyException();
    }

    @Test
    void aNodeCannotChangeItsTaints() {
        ObjectNode before = node("a", "{}", "[]");
        ObjectNode after = node("a", "{}", "[{\"key\":\"k\",\"effect\":\"NoSchedule\"}]");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.NODES, null, "a", null, after, before)))
                .isEqualTo("nodes \"a\" is forbidden: node \"a\" is not allowed to modify taints");
    }

    @Test
    void aNodeWritesStatusDeletesAndEvictsOnlyItsOwnPods() {
        ObjectNode onB = pod("p", "b");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.PODS, "ns", "p", "status", onB, onB)))
                .isEqualTo("pods \"p\" is forbidden: node \"a\" can only update pod status for pods with"
                        + " spec.nodeName set to itself");
        assertThat(refusal(req(Operation.DELETE, ResourceTypes.PODS, "ns", "p", null, onB, onB)))
                .isEqualTo("pods \"p\" is forbidden: node \"a\" can only delete pods with spec.nodeName set to itself");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.PODS, "ns", "p", "eviction", json("{}"), onB)))
                .isEqualTo("pods \"p\" is forbidden: node a can only evict pods with spec.nodeName set to itself");

        ObjectNode onA = pod("p", "a");
        ObjectNode relabelled = onA.deepCopy();
        Json.child(Json.child(relabelled, "metadata"), "labels").put("app", "y");
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.PODS, "ns", "p", "status", relabelled, onA)))
                .isEqualTo("pods \"p\" is forbidden: node \"a\" cannot update labels through pod status");
        assertThatCode(() -> plugin.admit(req(Operation.UPDATE, ResourceTypes.PODS, "ns", "p", "status", onA, onA)))
                .doesNotThrowAnyException();
        assertThatCode(() -> plugin.admit(req(Operation.DELETE, ResourceTypes.PODS, "ns", "p", null, onA, onA)))
                .doesNotThrowAnyException();
        assertThat(refusal(req(Operation.UPDATE, ResourceTypes.PODS, "ns", "p", null, onA, onA)))
                .isEqualTo("pods \"p\" is forbidden: unexpected operation \"UPDATE\", node \"a\" can only create"
                        + " and delete mirror pods");
    }

    @Test
    void aNodeCreatesOnlyMirrorPodsOfItsOwnThatNameNothing() {
        objects.put(ResourceTypes.NODES.key(null, "a"), node("a", "{}", "[]"));
        ObjectNode plain = pod("m", "a");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.PODS, "ns", "m", null, plain, null)))
                .isEqualTo("pods \"m\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" annotation,"
                        + " node \"a\" can only create mirror pods");
        ObjectNode mirror = json("{\"metadata\":{\"namespace\":\"ns\",\"name\":\"m\",\"annotations\":"
                + "{\"kubernetes.io/config.mirror\":\"x\"},\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"Node\","
                + "\"name\":\"a\",\"uid\":\"uid-a\"}]},\"spec\":{\"nodeName\":\"a\"}}");
        assertThatCode(() -> plugin.admit(req(Operation.CREATE, ResourceTypes.PODS, "ns", "m", null, mirror, null)))
                .doesNotThrowAnyException();

        ObjectNode elsewhere = mirror.deepCopy();
        Json.child(elsewhere, "spec").put("nodeName", "b");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.PODS, "ns", "m", null, elsewhere, null)))
                .endsWith("node \"a\" can only create pods with spec.nodeName set to itself");
        ObjectNode withSecret = mirror.deepCopy();
        Json.child(withSecret, "spec").putArray("imagePullSecrets").addObject().put("name", "s");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.PODS, "ns", "m", null, withSecret, null)))
                .endsWith("node \"a\" can not create pods that reference secrets");
        ObjectNode unowned = mirror.deepCopy();
        Json.child(unowned, "metadata").remove("ownerReferences");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.PODS, "ns", "m", null, unowned, null)))
                .endsWith("node \"a\" can only create pods with an owner reference set to itself");
    }

    @Test
    void aNodeCreatesOnlyItsOwnLeaseInTheNodeLeaseNamespace() {
        ObjectNode lease = json("{\"metadata\":{\"name\":\"b\"}}");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.LEASES, "kube-node-lease", "b", null, lease, null)))
                .isEqualTo("leases.coordination.k8s.io \"b\" is forbidden: can only access node lease with the same"
                        + " name as the requesting node");
        assertThat(refusal(req(Operation.CREATE, ResourceTypes.LEASES, "default", "a", null, lease, null)))
                .endsWith("can only access leases in the \"kube-node-lease\" system namespace");
    }

    @Test
    void aNodeRequestsTokensOnlyBoundToItsOwnPodsByUid() {
        objects.put(ResourceTypes.PODS.key("ns", "on-a"), pod("on-a", "a"));
        objects.put(ResourceTypes.PODS.key("ns", "on-b"), pod("on-b", "b"));
        assertThat(refusal(token(null)))
                .isEqualTo("serviceaccounts \"sa\" is forbidden: node requested token not bound to a pod");
        assertThat(refusal(token("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"on-a\"}")))
                .endsWith("node requested token with a pod binding without a uid");
        assertThat(refusal(token("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"on-a\",\"uid\":\"old\"}")))
                .endsWith("the UID in the bound object reference (old) does not match the UID in record. The object"
                        + " might have been deleted and then recreated");
        assertThat(refusal(token("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"on-b\",\"uid\":\"uid-on-b\"}")))
                .endsWith("node requested token bound to a pod scheduled on a different node");
        assertThatCode(() -> plugin.admit(
                        token("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"on-a\",\"uid\":\"uid-on-a\"}")))
                .doesNotThrowAnyException();
    }

    private Admission.Request token(String boundObjectRef) {
        ObjectNode tr = json("{\"kind\":\"TokenRequest\",\"spec\":{}}");
        if (boundObjectRef != null) Json.child(tr, "spec").set("boundObjectRef", json(boundObjectRef));
        return req(Operation.CREATE, ResourceTypes.SERVICE_ACCOUNTS, "ns", "sa", "token", tr, null);
    }
}
