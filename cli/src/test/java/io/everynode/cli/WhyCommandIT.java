package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.controlplane.ControlPlane;
import io.everynode.testkit.Kubeconfig;
import io.everynode.testkit.Kubectl;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code everynode why} through a kubeconfig, in this JVM, and as the kubectl
 * plugin: the real kubectl with the repository's launcher directory on PATH runs
 * {@code kubectl-everynode}, which runs the built jar. Nodes are plain Node objects (no agents):
 * the placement answers need none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WhyCommandIT {
    private ControlPlane cp;
    private Path kubeconfig;
    private Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        // Plain HTTP on loopback keeps the set-up short; the command reads the kubeconfig as a user's.
        cp = ControlPlane.builder().build().start();
        kubeconfig = Kubeconfig.write(dir.resolve("kubeconfig"), cp.url());
        cp.client().create(node("core-1", Map.of("pool", "core")));
        Node tainted = node("edge-2", Map.of("pool", "edge"));
        tainted.getSpec()
                .setTaints(List.of(new io.fabric8.kubernetes.api.model.TaintBuilder()
                        .withKey("dedicated")
                        .withValue("db")
                        .withEffect("NoSchedule")
                        .build()));
        cp.client().create(tainted);
        cp.client()
                .create(new DaemonSetBuilder()
                        .withNewMetadata()
                        .withName("agent")
                        .withNamespace("default")
                        .endMetadata()
                        .withNewSpec()
                        .withNewSelector()
                        .addToMatchLabels("app", "agent")
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", "agent")
                        .endMetadata()
                        .withNewSpec()
                        .addToNodeSelector("pool", "edge")
                        .addNewContainer()
                        .withName("main")
                        .withImage("agent:1.0")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build());
    }

    @AfterAll
    void stop() {
        if (cp != null) cp.close();
    }

    record Run(int code, String out, String err) {}

    private Run everynode(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void whyPrintsOneLinePerNodeWithTheVerdictAndTheReasonInUpstreamsWords() {
        Run r = everynode("why", "ds/agent", "--kubeconfig", kubeconfig.toString());

        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).matches("NODE +VERDICT +REASON");
        assertThat(lines.get(1))
                .matches("core-1 +should-not-run +NodeSelector: node\\(s\\) didn't match Pod's node affinity/selector");
        assertThat(lines.get(2))
                .matches(
                        "edge-2 +should-not-run +UntoleratedTaint: node\\(s\\) had untolerated taint \\{dedicated: db\\}");
    }

    @Test
    void whyForOneNodeAnswersInDetailAndAsJson() {
        Run detail = everynode("why", "ds/agent", "core-1", "--kubeconfig", kubeconfig.toString());
        Run json = everynode("why", "ds/agent", "edge-2", "-o", "json", "--kubeconfig", kubeconfig.toString());

        assertThat(detail.code()).as(detail.err()).isZero();
        assertThat(detail.out())
                .contains("Node:      core-1\n", "Verdict:   should-not-run\n", "Reason:    NodeSelector\n")
                .contains("  nodeSelector pool=edge: node has pool=core\n");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out())
                .contains(
                        "\"daemonSet\" : \"default/agent\"",
                        "\"reason\" : \"UntoleratedTaint\"",
                        "\"node\" : \"edge-2\"");
    }

    @Test
    void aMissingDaemonSetOrNodeIsAnErrorAsKubectlWordsIt() {
        Run noDs = everynode("why", "ds/nope", "--kubeconfig", kubeconfig.toString());
        Run noNode = everynode("why", "ds/agent", "nowhere", "--kubeconfig", kubeconfig.toString());
        Run notADs = everynode("why", "deploy/agent", "--kubeconfig", kubeconfig.toString());

        assertThat(noDs.code()).isEqualTo(1);
        assertThat(noDs.err()).contains("Error from server (NotFound): daemonsets.apps \"nope\" not found");
        assertThat(noNode.code()).isEqualTo(1);
        assertThat(noNode.err()).contains("nodes \"nowhere\" not found");
        assertThat(notADs.code()).isEqualTo(1);
        assertThat(notADs.err()).contains("expected ds/NAME");
    }

    @Test
    void kubectlRunsTheEverynodePluginFromPath() throws Exception {
        Kubectl kubectl = Kubectl.forKubeconfig(kubeconfig, dir.resolve("kubectl"));
        // The repository root holds the launchers: everynode and kubectl-everynode beside it.
        Path launchers = Kubectl.binary().getParent().getParent();

        var r = kubectl.shell("PATH=" + launchers + ":$PATH kubectl everynode why ds/agent");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("core-1 +should-not-run +NodeSelector: ");
        assertThat(r.out()).containsPattern("edge-2 +should-not-run +UntoleratedTaint: ");
    }

    private static Node node(String name, Map<String, String> labels) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity("2"))
                .addToAllocatable("memory", new Quantity("4Gi"))
                .addToAllocatable("pods", new Quantity("110"))
                .endStatus()
                .build();
    }
}
