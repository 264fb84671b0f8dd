package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.RuncRuntime;
import io.everynode.cli.UpCluster;
import io.everynode.cli.UpCommand;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code everynode up --runtime container --nodes n --port 0 --data-dir DIR/cluster} started with
 * the command's own code, and the real kubectl pointed at the kubeconfig it wrote. Images live in
 * {@code DIR/cluster/image-store}, which every node shares.
 */
public final class ContainerCluster implements AutoCloseable {
    /** Generous: the machine is shared, and nothing here asserts on speed. */
    static final Duration WAIT = Duration.ofMinutes(2);

    final UpCluster running;
    final Kubectl kubectl;
    final Path dataDir;
    /** The loopback registry of {@link #upWithImage}, or null. */
    private final TestRegistry registry;
    /** The image {@link #upWithImage} pushed, as pods name it, or null. */
    private final String image;

    private ContainerCluster(UpCluster running, Kubectl kubectl, Path dataDir, TestRegistry registry, String image) {
        this.running = running;
        this.kubectl = kubectl;
        this.dataDir = dataDir;
        this.registry = registry;
        this.image = image;
    }

    /** Skips the calling test where this machine cannot run container nodes or a test registry. */
    public static void assumeAvailable() {
        assumeTrue(
                RuncRuntime.unavailable("runc").isEmpty(),
                () -> RuncRuntime.unavailable("runc").get());
        assumeTrue(
                Files.isExecutable(Path.of("/usr/lib/cni/bridge")),
                "needs Debian's containernetworking-plugins (/usr/lib/cni/bridge)");
        assumeTrue(Files.isExecutable(Path.of("/bin/busybox")), "needs Debian's busybox-static (/bin/busybox)");
        assumeTrue(
                TestRegistry.unavailable().isEmpty(),
                () -> TestRegistry.unavailable().get());
    }

    static ContainerCluster up(int nodes, Path dir) throws Exception {
        return up(nodes, dir, null, null);
    }

    /**
     * The set-up most container tests share: a registry on loopback ({@code DIR/registry}) holding
     * {@code image} as {@code repository:tag}, then {@link #up}. Closing closes the cluster, then
     * the registry.
     */
    static ContainerCluster upWithImage(int nodes, Path dir, String repository, String tag, OciImage image)
            throws Exception {
        TestRegistry registry = TestRegistry.start(Files.createDirectories(dir.resolve("registry")));
        try {
            registry.push(repository, tag, image);
            return up(nodes, dir, registry, registry.host() + "/" + repository + ":" + tag);
        } catch (Exception | Error e) {
            registry.close();
            throw e;
        }
    }

    /** A busybox image whose {@code httpd} serves {@code GREETING HOSTNAME} on port 8080, at {@code /}. */
    static OciImage httpd(String greeting) {
        return OciImage.busybox(
                "sh",
                "-c",
                "mkdir -p /www && echo \"" + greeting + " $(hostname)\" > /www/index.html"
                        + " && exec busybox httpd -f -p 8080 -h /www");
    }

    private static ContainerCluster up(int nodes, Path dir, TestRegistry registry, String image) throws Exception {
        Path data = dir.resolve("cluster");
        UpCluster r = new UpCommand()
                .nodes(nodes)
                .runtime("container")
                .dataDir(data)
                .port(0)
                .open();
        try {
            return new ContainerCluster(
                    r, Kubectl.forKubeconfig(r.kubeconfig(), dir.resolve("kubectl")), data, registry, image);
        } catch (Exception | Error e) {
            r.close();
            throw e;
        }
    }

    /** The image {@link #upWithImage} pushed: {@code HOST:PORT/REPOSITORY:TAG}. */
    String image() {
        return image;
    }

    /** The {@code HOST:PORT} of {@link #upWithImage}'s registry. */
    String registryHost() {
        return registry.host();
    }

    /** The image store the nodes share ({@code up}'s default). */
    Path imageStore() {
        return dataDir.resolve("image-store");
    }

    /** Runs kubectl; its stdout, failing the test on a non-zero exit. */
    String kubectl(String... args) {
        return kubectl.ok(args);
    }

    String apply(String manifest) {
        return kubectl.runWithInput(manifest, "apply", "-f", "-").assertOk().out();
    }

    /** Waits until the DaemonSet has {@code ready} ready pods; fails with {@code kubectl describe pods} when it does not. */
    void awaitReady(String namespace, String daemonSet, int ready) {
        awaitDescribing(
                namespace,
                () -> assertThat(kubectl(
                                "get", "ds", daemonSet, "-n", namespace, "-o", "jsonpath={.status.numberReady}"))
                        .isEqualTo(String.valueOf(ready)));
    }

    /** Waits for the assertion; on timeout fails with the namespace's pods described, which says why. */
    void awaitDescribing(String namespace, org.awaitility.core.ThrowingRunnable assertion) {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(assertion);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "timed out; the pods:\n"
                            + kubectl.run("describe", "pods", "-n", namespace).out(),
                    e);
        }
    }

    /** Waits until the pod is Ready; fails with {@code kubectl describe pods} when it does not. */
    void awaitPodReady(String namespace, String pod) {
        awaitDescribing(
                namespace,
                () -> assertThat(podField(namespace, pod, ".status.conditions[?(@.type==\"Ready\")].status"))
                        .isEqualTo("True"));
    }

    /** The names of the pods that match the selector. */
    List<String> pods(String namespace, String selector) {
        String names =
                kubectl("get", "pods", "-n", namespace, "-l", selector, "-o", "jsonpath={.items[*].metadata.name}");
        return names.isBlank() ? List.of() : List.of(names.trim().split(" "));
    }

    String podField(String namespace, String pod, String jsonPath) {
        return kubectl("get", "pod", pod, "-n", namespace, "-o", "jsonpath={" + jsonPath + "}");
    }

    /** The pod's logs once they contain {@code line}. */
    String awaitLogLine(String namespace, String pod, String line) {
        awaitDescribing(
                namespace,
                () -> assertThat(kubectl("logs", "-n", namespace, pod)).contains(line));
        return kubectl("logs", "-n", namespace, pod);
    }

    @Override
    public void close() {
        try {
            running.close();
        } finally {
            if (registry != null) registry.close();
        }
    }
}
