package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** kubectl apply, client- and server-side, and server dry run (kubectl-contract.md §2.1–2.3). */
class KubectlApplyIT extends KubectlTestBase {

    @BeforeAll
    void seed() throws Exception {
        for (String ns : new String[] {"apply1", "apply2", "apply3", "apply4"}) world.namespace(ns);
    }

    static String ds(String ns, String name, String image) {
        return """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      containers:
                        - name: agent
                          image: %s
                """.formatted(name, ns, name, name, image);
    }

    @Test
    void applyCreatesThenReportsUnchangedThenConfiguredAndBumpsTheGeneration() {
        assertThat(kubectl.apply(ds("apply1", "agent", "busybox:1.36"))).isEqualTo("daemonset.apps/agent created\n");
        ObjectNode created = api.object("/apis/apps/v1/namespaces/apply1/daemonsets/agent");
        assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(created.at("/metadata/annotations/kubectl.kubernetes.io~1last-applied-configuration")
                        .asString())
                .contains("\"image\":\"busybox:1.36\"")
                .endsWith("\n");

        assertThat(kubectl.apply(ds("apply1", "agent", "busybox:1.36"))).isEqualTo("daemonset.apps/agent unchanged\n");
        assertThat(api.object("/apis/apps/v1/namespaces/apply1/daemonsets/agent")
                        .at("/metadata/resourceVersion")
                        .asString())
                .isEqualTo(created.at("/metadata/resourceVersion").asString());

        assertThat(kubectl.apply(ds("apply1", "agent", "busybox:1.37"))).isEqualTo("daemonset.apps/agent configured\n");
        ObjectNode updated = api.object("/apis/apps/v1/namespaces/apply1/daemonsets/agent");
        assertThat(updated.at("/spec/template/spec/containers/0/image").asString())
                .isEqualTo("busybox:1.37");
        assertThat(updated.at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(updated.at("/metadata/uid").asString())
                .isEqualTo(created.at("/metadata/uid").asString());
    }

    @Test
    void serverSideApplyCreatesAndUpdatesAndPrintsServersideApplied() {
        assertThat(kubectl.runWithInput(ds("apply2", "agent", "busybox:1.36"), "apply", "--server-side", "-f", "-")
                        .assertOk()
                        .out())
                .isEqualTo("daemonset.apps/agent serverside-applied\n");
        assertThat(api.object("/apis/apps/v1/namespaces/apply2/daemonsets/agent")
                        .at("/spec/template/spec/containers/0/image")
                        .asString())
                .isEqualTo("busybox:1.36");
        assertThat(kubectl.runWithInput(ds("apply2", "agent", "busybox:1.37"), "apply", "--server-side", "-f", "-")
                        .assertOk()
                        .out())
                .isEqualTo("daemonset.apps/agent serverside-applied\n");
        ObjectNode ds = api.object("/apis/apps/v1/namespaces/apply2/daemonsets/agent");
        assertThat(ds.at("/spec/template/spec/containers/0/image").asString()).isEqualTo("busybox:1.37");
        assertThat(ds.at("/metadata/generation").asLong()).isEqualTo(2);
    }

    @Test
    void serverDryRunOfACreateWritesNothing() {
        assertThat(kubectl.runWithInput(ds("apply3", "agent", "busybox:1.36"), "apply", "--dry-run=server", "-f", "-")
                        .assertOk()
                        .out())
                .isEqualTo("daemonset.apps/agent created (server dry run)\n");
        assertThat(api.exists("/apis/apps/v1/namespaces/apply3/daemonsets/agent"))
                .isFalse();
    }

    @Test
    void serverDryRunOfAChangeLeavesTheStoredObjectAsItWas() {
        kubectl.apply(ds("apply4", "agent", "busybox:1.36"));
        ObjectNode before = api.object("/apis/apps/v1/namespaces/apply4/daemonsets/agent");
        assertThat(kubectl.runWithInput(ds("apply4", "agent", "busybox:1.37"), "apply", "--dry-run=server", "-f", "-")
                        .assertOk()
                        .out())
                .isEqualTo("daemonset.apps/agent configured (server dry run)\n");
        assertThat(api.object("/apis/apps/v1/namespaces/apply4/daemonsets/agent"))
                .isEqualTo(before);
    }

    @Test
    void applyIntoAMissingNamespaceFailsWithTheNamespaceError() {
        var r = kubectl.runWithInput(ds("nosuchns", "agent", "busybox:1.36"), "apply", "-f", "-");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("namespaces \"nosuchns\" not found");
    }
}
