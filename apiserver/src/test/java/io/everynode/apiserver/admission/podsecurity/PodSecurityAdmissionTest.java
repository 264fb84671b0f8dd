package io.everynode.apiserver.admission.podsecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import io.everynode.api.podsecurity.NamespacePolicy;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Admission.Operation;
import io.everynode.apiserver.registry.Caller;
import io.everynode.apiserver.registry.WriteContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * The admission's decisions on requests as the registry hands them over, with the namespaces and
 * pods it may look up held in a map (the registry's watch cache stands behind it in the server).
 */
class PodSecurityAdmissionTest {
    private static final String PRIVILEGED_ROOT_POD =
            "{metadata: {name: x, namespace: NS}, spec: {volumes: [{name: root,"
                    + " hostPath: {path: /}}], containers: [{name: c, image: i, securityContext: {privileged: true}}]}}";

    private final Map<String, ObjectNode> objects = new HashMap<>();
    private final PodSecurityAdmission admission = new PodSecurityAdmission();

    @Test
    void enforceBaselineRefusesAPrivilegedHostPathPodWithUpstreamsMessage() {
        namespace("locked", "enforce", "baseline");
        Caller caller = Caller.of(UserInfo.APISERVER);

        assertThatThrownBy(() -> admit(ResourceTypes.PODS, Operation.CREATE, pod("locked"), null, caller))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage())
                            .isEqualTo("pods \"x\" is forbidden: violates PodSecurity \"baseline:latest\": hostPath"
                                    + " volumes (volume \"root\"), privileged (container \"c\" must not set"
                                    + " securityContext.privileged=true)");
                });
        assertThat(caller.annotations()).containsEntry(AuditKeys.ENFORCE_POLICY, "baseline:latest");
        assertThat(caller.warnings()).isEmpty();
    }

    @Test
    void anUnlabelledNamespaceIsPrivilegedAndChecksNothing() {
        namespace("open");
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(ResourceTypes.PODS, Operation.CREATE, pod("open"), null, caller);

        assertThat(caller.warnings()).isEmpty();
        assertThat(caller.annotations()).isEmpty();
    }

    @Test
    void warnAndAuditLetThePodInAndSayWhatItWouldViolate() {
        namespace("watched", "enforce", "privileged", "warn", "restricted", "audit", "baseline");
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(ResourceTypes.PODS, Operation.CREATE, pod("watched"), null, caller);

        assertThat(caller.warnings())
                .singleElement()
                .asString()
                // upstream's order: the baseline checks restricted keeps, then restricted's own, each by id
                .startsWith("would violate PodSecurity \"restricted:latest\": privileged (container \"c\" must not"
                        + " set securityContext.privileged=true), allowPrivilegeEscalation != false (container \"c\""
                        + " must set securityContext.allowPrivilegeEscalation=false),")
                .contains("restricted volume types (volume \"root\" uses restricted volume type \"hostPath\")");
        assertThat(caller.annotations())
                .containsEntry(AuditKeys.ENFORCE_POLICY, "privileged:latest")
                .containsEntry(
                        AuditKeys.AUDIT_VIOLATIONS,
                        "would violate PodSecurity \"baseline:latest\": hostPath volumes (volume \"root\"),"
                                + " privileged (container \"c\" must not set securityContext.privileged=true)");
    }

    @Test
    void workloadsGetWarningsForTheirTemplateButAreNeverRefused() {
        namespace("apps", "enforce", "baseline"); // warn follows enforce
        ObjectNode ds = yaml("{metadata: {name: d, namespace: apps}, spec: {template: {spec: {containers: [{name: c,"
                + " image: i, securityContext: {privileged: true}}]}}}}");
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(ResourceTypes.DAEMONSETS, Operation.CREATE, ds, null, caller);

        assertThat(caller.warnings())
                .containsExactly("would violate PodSecurity \"baseline:latest\": privileged (container \"c\" must not"
                        + " set securityContext.privileged=true)");
    }

    @Test
    void aCronJobsTemplateIsFoundUnderItsJobTemplate() {
        namespace("batch", "warn", "baseline");
        ObjectNode cj = yaml("{metadata: {name: j, namespace: batch}, spec: {jobTemplate: {spec: {template: {spec:"
                + " {hostPID: true, containers: [{name: c, image: i}]}}}}}}");
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(ResourceTypes.CRON_JOBS, Operation.CREATE, cj, null, caller);

        assertThat(caller.warnings())
                .containsExactly("would violate PodSecurity \"baseline:latest\": host namespaces (hostPID=true)");
    }

    @Test
    void podUpdatesThatLeaveImagesAloneAreNotChecked() {
        namespace("locked2", "enforce", "baseline");
        ObjectNode old = pod("locked2");
        ObjectNode relabelled = old.deepCopy();
        ((ObjectNode) relabelled.get("metadata")).putObject("labels").put("a", "b");
        ObjectNode newImage = old.deepCopy();
        ((ObjectNode) newImage.at("/spec/containers/0")).put("image", "j");

        admit(ResourceTypes.PODS, Operation.UPDATE, relabelled, old, Caller.of(UserInfo.APISERVER));
        assertThatThrownBy(
                        () -> admit(ResourceTypes.PODS, Operation.UPDATE, newImage, old, Caller.of(UserInfo.APISERVER)))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("violates PodSecurity \"baseline:latest\"");
    }

    @Test
    void statusWritesAndDeletesAreNotChecked() {
        namespace("locked3", "enforce", "restricted");
        ObjectNode pod = pod("locked3");
        Caller caller = Caller.of(UserInfo.APISERVER);

        admission.admit(request(ResourceTypes.PODS, Operation.UPDATE, "status", pod, pod, caller));
        admission.admit(request(ResourceTypes.PODS, Operation.DELETE, null, pod, pod, caller));

        assertThat(caller.annotations()).isEmpty();
    }

    @Test
    void exemptUsersNamespacesAndRuntimeClassesAreLetThroughAndAnnotated() {
        PodSecurityAdmission exempting = new PodSecurityAdmission(
                new PodSecurityExemptions(Set.of("ci-bot"), Set.of("sandboxed"), Set.of("kube-system")),
                NamespacePolicy.PRIVILEGED);
        namespace("kube-system", "enforce", "restricted");
        namespace("team", "enforce", "restricted");
        UserInfo bot = UserInfo.authenticated("ci-bot", "", List.of(), Map.of());
        ObjectNode sandboxed = pod("team");
        ((ObjectNode) sandboxed.get("spec")).put("runtimeClassName", "sandboxed");

        Caller byNamespace = Caller.of(UserInfo.APISERVER);
        exempting.admit(request(ResourceTypes.PODS, Operation.CREATE, null, pod("kube-system"), null, byNamespace));
        Caller byUser = Caller.of(bot);
        exempting.admit(request(ResourceTypes.PODS, Operation.CREATE, null, pod("team"), null, byUser));
        Caller byRuntimeClass = Caller.of(UserInfo.APISERVER);
        exempting.admit(request(ResourceTypes.PODS, Operation.CREATE, null, sandboxed, null, byRuntimeClass));

        assertThat(byNamespace.annotations()).containsEntry(AuditKeys.EXEMPT, "namespace");
        assertThat(byUser.annotations()).containsEntry(AuditKeys.EXEMPT, "user");
        assertThat(byRuntimeClass.annotations()).containsEntry(AuditKeys.EXEMPT, "runtimeClass");
        assertThatThrownBy(() -> exempting.admit(request(
                        ResourceTypes.PODS, Operation.CREATE, null, pod("team"), null, Caller.of(UserInfo.APISERVER))))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void anInvalidLevelOnANewNamespaceIsRefusedNamingTheLabel() {
        ObjectNode ns = namespaceObject("bad", "enforce", "strict");

        assertThatThrownBy(() ->
                        admit(ResourceTypes.NAMESPACES, Operation.CREATE, ns, null, Caller.of(UserInfo.APISERVER)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.getMessage())
                            .isEqualTo(
                                    "Namespace \"bad\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]:"
                                            + " Invalid value: \"strict\": must be one of privileged, baseline, restricted");
                });
    }

    @Test
    void anUnchangedInvalidLabelDoesNotBlockOtherNamespaceUpdates() {
        ObjectNode old = namespaceObject("legacy", "warn", "strict");
        ObjectNode relabelled = namespaceObject("legacy", "warn", "strict", "team", "a");

        admit(ResourceTypes.NAMESPACES, Operation.UPDATE, relabelled, old, Caller.of(UserInfo.APISERVER));
    }

    @Test
    void aStricterEnforceLevelWarnsAboutTheExistingPodsThatViolateIt() {
        namespace("busy");
        pods("busy", "a-2", "{hostNetwork: true}", "ds1");
        pods("busy", "a-1", "{hostNetwork: true}", "ds1");
        pods("busy", "b", "{containers: [{name: c, image: i, securityContext: {privileged: true}}]}", null);
        pods("busy", "fine", "{}", null);
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(
                ResourceTypes.NAMESPACES,
                Operation.UPDATE,
                namespaceObject("busy", "enforce", "baseline"),
                namespaceObject("busy"),
                caller);

        assertThat(caller.warnings())
                .containsExactly(
                        "existing pods in namespace \"busy\" violate the new PodSecurity enforce level"
                                + " \"baseline:latest\"",
                        "a-1 (and 1 other pod): host namespaces",
                        "b: privileged");
    }

    @Test
    void relaxingTheEnforceLevelChecksNoPods() {
        namespace("calm");
        pods("calm", "a", "{hostNetwork: true}", null);
        Caller caller = Caller.of(UserInfo.APISERVER);

        admit(
                ResourceTypes.NAMESPACES,
                Operation.UPDATE,
                namespaceObject("calm", "enforce", "baseline"),
                namespaceObject("calm", "enforce", "restricted"),
                caller);

        assertThat(caller.warnings()).isEmpty();
    }

    @Test
    void anExemptNamespaceThatSetsAPolicyIsWarnedItIsIgnored() {
        PodSecurityAdmission exempting = new PodSecurityAdmission(
                new PodSecurityExemptions(Set.of(), Set.of(), Set.of("kube-system")), NamespacePolicy.PRIVILEGED);
        Caller caller = Caller.of(UserInfo.APISERVER);

        exempting.admit(request(
                ResourceTypes.NAMESPACES,
                Operation.CREATE,
                null,
                namespaceObject("kube-system", "enforce", "baseline"),
                null,
                caller));

        assertThat(caller.warnings())
                .containsExactly("namespace \"kube-system\" is exempt from Pod Security, and the policy"
                        + " (enforce=baseline:latest) will be ignored");
    }

    // ---- helpers --------------------------------------------------------------------------

    private void admit(ResourceType type, Operation op, ObjectNode obj, ObjectNode old, Caller caller) {
        admission.admit(request(type, op, null, obj, old, caller));
    }

    private Admission.Request request(
            ResourceType type, Operation op, String subresource, ObjectNode obj, ObjectNode old, Caller caller) {
        String ns = type.namespaced() ? obj.at("/metadata/namespace").asString() : null;
        String name = obj.at("/metadata/name").asString();
        return new Admission.Request(op, type, ns, name, subresource, obj, old, caller, false, lookup());
    }

    private ObjectNode pod(String namespace) {
        return yaml(PRIVILEGED_ROOT_POD.replace("NS", namespace));
    }

    private void pods(String namespace, String name, String spec, String controllerUid) {
        ObjectNode p = yaml("{metadata: {name: " + name + ", namespace: " + namespace + "}, spec: " + spec + "}");
        if (controllerUid != null) {
            ((ObjectNode) p.get("metadata"))
                    .putArray("ownerReferences")
                    .addObject()
                    .put("uid", controllerUid)
                    .put("controller", true);
        }
        objects.put(ResourceTypes.PODS.key(namespace, name), p);
    }

    private void namespace(String name, String... modeLevels) {
        objects.put(ResourceTypes.NAMESPACES.key(null, name), namespaceObject(name, modeLevels));
    }

    /** A namespace labelled {@code pod-security.kubernetes.io/MODE: LEVEL} per pair (other keys as given). */
    private static ObjectNode namespaceObject(String name, String... pairs) {
        ObjectNode ns = yaml("{metadata: {name: " + name + "}}");
        ObjectNode labels = ((ObjectNode) ns.get("metadata")).putObject("labels");
        for (int i = 0; i < pairs.length; i += 2) {
            String key = pairs[i].contains(".") || pairs[i].equals("team")
                    ? pairs[i]
                    : "pod-security.kubernetes.io/" + pairs[i];
            labels.put(key, pairs[i + 1]);
        }
        return ns;
    }

    private static ObjectNode yaml(String s) {
        return (ObjectNode) Json.parseYaml(s.getBytes(StandardCharsets.UTF_8));
    }

    private WriteContext.Lookup lookup() {
        return new WriteContext.Lookup() {
            @Override
            public ObjectNode get(ResourceType type, String namespace, String name) {
                return objects.get(type.key(namespace, name));
            }

            @Override
            public Collection<ObjectNode> list(ResourceType type, String namespace) {
                List<ObjectNode> out = new ArrayList<>();
                objects.forEach((k, v) -> {
                    if (k.startsWith(type.listPrefix(namespace))) out.add(v);
                });
                return out;
            }

            @Override
            public Collection<ObjectNode> listConsistent(ResourceType type, String namespace) {
                return list(type, namespace);
            }
        };
    }
}
