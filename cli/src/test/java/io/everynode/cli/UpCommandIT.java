package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandIT {
    @TempDir
    Path dir;

    private UpCommand up(int nodes) {
        UpCommand c = new UpCommand();
        c.nodes = nodes;
        c.port = 0;
        c.dataDir = dir.resolve("cluster");
        return c;
    }

    /** Runs the real kubectl v1.35 with the kubeconfig {@code up} wrote; answers its stdout, failing on a non-zero exit. */
    private String kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        String root = System.getProperty("everynode.root", System.getProperty("user.dir") + "/..");
        Path binary = Path.of(root, ".tools", "kubectl");
        if (!Files.isExecutable(binary))
            throw new IllegalStateException("kubectl not found at " + binary + ": run scripts/install-test-tools.sh");
        List<String> cmd = new java.util.ArrayList<>(List.of(
                binary.toString(),
                "--kubeconfig",
                kubeconfig.toString(),
                "--cache-dir",
                dir.resolve("kube-cache").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("KUBECONFIG");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl did not finish");
        }
        if (p.exitValue() != 0) throw new AssertionError("kubectl failed: " + out);
        return out;
    }

    private static long readyNodes(String table) {
        return table.lines()
                .skip(1)
                .filter(l -> l.split("\\s+").length > 1 && l.split("\\s+")[1].equals("Ready"))
                .count();
    }

    @Test
    void upWritesAKubeconfigWithWhichKubectlSeesTwoReadyNodes() throws Exception {
        try (UpCluster r = up(2).open()) {
            Path kubeconfig = dir.resolve("cluster").resolve("kubeconfig");
            assertThat(kubeconfig).exists();
            assertThat(Files.readString(kubeconfig)).contains("server: https://127.0.0.1:" + r.port());

            String nodes = kubectl(kubeconfig, "get", "nodes");
            assertThat(nodes).contains("node-1", "node-2");
            assertThat(readyNodes(nodes)).isEqualTo(2);
        }
    }

    @Test
    void aSecondUpOnTheSameDirectoryResumesTheSameCluster() throws Exception {
        String uid;
        try (UpCluster r = up(1).open()) {
            uid = kubectl(r.kubeconfig, "get", "node", "node-1", "-o", "jsonpath={.metadata.uid}");
        }
        try (UpCluster r = up(1).open()) {
            assertThat(kubectl(r.kubeconfig, "get", "node", "node-1", "-o", "jsonpath={.metadata.uid}"))
                    .isEqualTo(uid);
            await().atMost(Duration.ofSeconds(10)).until(() -> readyNodes(kubectl(r.kubeconfig, "get", "nodes")) == 1);
        }
    }

    @Test
    void upWithTheProcessRuntimeRegistersTheDemoImageAndItsNodesRunOnIt() throws Exception {
        UpCommand c = up(1);
        c.runtime = "process";
        try (UpCluster r = c.open()) {
            assertThat(new io.everynode.agent.process.ImageDirectory(dir.resolve("cluster/images")).list())
                    .contains("everynode/demo-agent:1");
            await().atMost(Duration.ofSeconds(30)).until(() -> readyNodes(kubectl(r.kubeconfig, "get", "nodes")) == 1);
            assertThat(kubectl(
                            r.kubeconfig,
                            "get",
                            "node",
                            "node-1",
                            "-o",
                            "jsonpath={.status.nodeInfo.containerRuntimeVersion}"))
                    .startsWith("process://");
            assertThat(dir.resolve("cluster/nodes/node-1/pods")).isDirectory();
            assertThatThrownBy(() -> r.addNode("node-2"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("this cluster runs process nodes");
        }
    }

    @Test
    void restartingTheAgentOfANodeThatIsNotAProcessNodeIsRefused() throws Exception {
        try (UpCluster r = up(1).open()) {
            assertThatThrownBy(() -> r.restartAgent("node-1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no process node node-1");
        }
    }

    @Test
    void anUnknownRuntimeIsRefusedWithAClearMessage() {
        UpCommand c = up(1);
        c.runtime = "docker";
        assertThatThrownBy(c::open)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown runtime");
    }
}
