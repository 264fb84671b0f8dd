package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code everynode up --ha 3} as a user runs it: three servers on three etcd members, then Ctrl-C. */
class UpHaIT {
    @TempDir
    Path dir;

    @Test
    void upHa3ServesTheClusterFromEveryServerAndLeavesNoProcessWhenStopped() throws Exception {
        EtcdCluster.assumeAvailable();
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Path data = dir.resolve("cluster");
        Process up = EverynodeJvm.start(
                out, err, "up", "--ha", "3", "--nodes", "2", "--port", "0", "--data-dir", data.toString());
        List<ProcessHandle> children = List.of();
        try {
            await().atMost(Duration.ofSeconds(180))
                    .until(() -> !up.isAlive() || Files.readString(out).contains("Stop with Ctrl-C"));
            String printed = Files.readString(out);
            assertThat(printed)
                    .as(Files.readString(err))
                    .contains("everynode is up: 3 API servers on https://127.0.0.1:");
            assertThat(printed).contains("add --server https://127.0.0.1:");
            children = up.descendants().toList();
            assertThat(children).as("the three etcd members").hasSizeGreaterThanOrEqualTo(3);

            Kubectl kubectl =
                    Kubectl.forKubeconfig(data.resolve("kubeconfig"), Files.createDirectories(dir.resolve("k")));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kubectl.run("get", "nodes", "--no-headers")
                                    .out()
                                    .lines()
                                    .filter(l -> l.contains(" Ready "))
                                    .count()
                            == 2);
            kubectl.apply("""
                    apiVersion: apps/v1
                    kind: DaemonSet
                    metadata:
                      name: everywhere
                      namespace: default
                    spec:
                      selector:
                        matchLabels: {app: everywhere}
                      template:
                        metadata:
                          labels: {app: everywhere}
                        spec:
                          containers:
                          - name: c
                            image: everynode/demo-agent:1
                    """);
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> kubectl.run("get", "pods", "-l", "app=everywhere", "--no-headers")
                                    .out()
                                    .lines()
                                    .filter(l -> l.contains(" Running "))
                                    .count()
                            == 2);
            String holders = kubectl.ok(
                    "get",
                    "lease",
                    "-n",
                    "kube-system",
                    "kube-controller-manager",
                    "-o",
                    "jsonpath={.spec.holderIdentity}");
            assertThat(holders).matches(".+_[0-9a-f-]{36}");
        } finally {
            up.destroy(); // SIGTERM, as Ctrl-C
            if (!up.waitFor(60, TimeUnit.SECONDS)) up.destroyForcibly();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> children_gone(up));
        for (ProcessHandle child : children)
            assertThat(child.isAlive()).as("pid " + child.pid()).isFalse();
    }

    private static boolean children_gone(Process up) {
        return !up.isAlive() && up.descendants().noneMatch(ProcessHandle::isAlive);
    }
}
