package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.Kubectl;
import org.junit.jupiter.api.Test;

/**
 * Pod Security admission as kubectl shows it (docs/security.md, Pod Security): refusals, warnings
 * and label checks in upstream's words, printed by the real kubectl.
 */
class KubectlPodSecurityIT extends KubectlTestBase {

    /** The pod: privileged, with the host's / mounted. */
    private static String rootPod(String namespace) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: root, namespace: %s}
                spec:
                  containers:
                  - name: c
                    image: busybox:1.36
                    securityContext: {privileged: true}
                    volumeMounts: [{name: root, mountPath: /host}]
                  volumes:
                  - name: root
                    hostPath: {path: /}
                """.formatted(namespace);
    }

    private static String namespace(String name, String labels) {
        return "apiVersion: v1\nkind: Namespace\nmetadata: {name: " + name + ", labels: {" + labels + "}}\n";
    }

    @Test
    void aPrivilegedHostRootPodIsRefusedInABaselineNamespaceWithUpstreamsMessage() {
        kubectl.apply(namespace("psa-baseline", "pod-security.kubernetes.io/enforce: baseline"));

        Kubectl.Result r = kubectl.runWithInput(rootPod("psa-baseline"), "apply", "-f", "-");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err())
                .isEqualTo("Error from server (Forbidden): error when creating \"STDIN\": pods \"root\" is forbidden:"
                        + " violates PodSecurity \"baseline:latest\": hostPath volumes (volume \"root\"), privileged"
                        + " (container \"c\" must not set securityContext.privileged=true)\n");
        assertThat(kubectl.run("get", "pod", "root", "-n", "psa-baseline").exitCode())
                .isNotZero();
    }

    @Test
    void theSamePodRunsInAPrivilegedNamespaceAndInAnUnlabelledOne() {
        kubectl.apply(namespace("psa-privileged", "pod-security.kubernetes.io/enforce: privileged"));
        kubectl.ok("create", "namespace", "psa-unlabelled");

        Kubectl.Result privileged = kubectl.runWithInput(rootPod("psa-privileged"), "apply", "-f", "-");
        Kubectl.Result unlabelled = kubectl.runWithInput(rootPod("psa-unlabelled"), "apply", "-f", "-");

        assertThat(privileged.assertOk().out()).isEqualTo("pod/root created\n");
        assertThat(privileged.err()).isEmpty();
        assertThat(unlabelled.assertOk().out()).isEqualTo("pod/root created\n");
        assertThat(unlabelled.err()).isEmpty();
    }

    @Test
    void aWarnRestrictedNamespacePrintsKubectlsWarningAndKeepsThePod() {
        kubectl.apply(namespace("psa-warn", "pod-security.kubernetes.io/warn: restricted"));

        Kubectl.Result r = kubectl.run("run", "web", "-n", "psa-warn", "--image=nginx:1.27");

        assertThat(r.assertOk().out()).isEqualTo("pod/web created\n");
        assertThat(r.err())
                .isEqualTo("Warning: would violate PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false"
                        + " (container \"web\" must set securityContext.allowPrivilegeEscalation=false), unrestricted"
                        + " capabilities (container \"web\" must set securityContext.capabilities.drop=[\"ALL\"]),"
                        + " runAsNonRoot != true (pod or container \"web\" must set securityContext.runAsNonRoot=true),"
                        + " seccompProfile (pod or container \"web\" must set securityContext.seccompProfile.type to"
                        + " \"RuntimeDefault\" or \"Localhost\")\n");
    }

    @Test
    void aDaemonSetInABaselineNamespaceIsWarnedAboutOnCreate() {
        kubectl.apply(namespace("psa-ds", "pod-security.kubernetes.io/enforce: baseline"));
        String ds = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: shipper, namespace: psa-ds}
                spec:
                  selector: {matchLabels: {app: shipper}}
                  template:
                    metadata: {labels: {app: shipper}}
                    spec:
                      containers: [{name: shipper, image: fluentd:v1}]
                      volumes: [{name: varlog, hostPath: {path: /var/log}}]
                """;

        Kubectl.Result r = kubectl.runWithInput(ds, "apply", "-f", "-");

        assertThat(r.assertOk().out()).isEqualTo("daemonset.apps/shipper created\n");
        assertThat(r.err())
                .isEqualTo("Warning: would violate PodSecurity \"baseline:latest\": hostPath volumes (volume"
                        + " \"varlog\")\n");
    }

    @Test
    void labellingANamespaceStricterWarnsAboutThePodsAlreadyThere() {
        kubectl.ok("create", "namespace", "psa-relabel");
        kubectl.runWithInput(rootPod("psa-relabel"), "apply", "-f", "-").assertOk();

        Kubectl.Result r =
                kubectl.run("label", "namespace", "psa-relabel", "pod-security.kubernetes.io/enforce=baseline");

        assertThat(r.assertOk().out()).isEqualTo("namespace/psa-relabel labeled\n");
        assertThat(r.err())
                .isEqualTo("Warning: existing pods in namespace \"psa-relabel\" violate the new PodSecurity enforce"
                        + " level \"baseline:latest\"\nWarning: root: hostPath volumes, privileged\n");
    }

    @Test
    void anInvalidLevelLabelIsRefusedWithUpstreamsMessage() {
        kubectl.ok("create", "namespace", "psa-invalid");

        Kubectl.Result r =
                kubectl.run("label", "namespace", "psa-invalid", "pod-security.kubernetes.io/enforce=strict");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err())
                .isEqualTo(
                        "The Namespace \"psa-invalid\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]:"
                                + " Invalid value: \"strict\": must be one of privileged, baseline, restricted\n");
    }

    @Test
    void aPinnedVersionIsAcceptedAndNamedInTheMessage() {
        kubectl.apply(namespace(
                "psa-pinned",
                "pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.35"));

        Kubectl.Result r = kubectl.runWithInput(rootPod("psa-pinned"), "apply", "-f", "-");

        assertThat(r.err()).contains("violates PodSecurity \"baseline:v1.35\": hostPath volumes (volume \"root\")");
    }
}
