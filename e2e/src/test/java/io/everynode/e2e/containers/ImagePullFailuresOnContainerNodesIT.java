package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.RegistryProxy;
import io.everynode.testkit.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Pulls that fail show the kubelet's reasons (ErrImagePull, then ImagePullBackOff while the
 * back-off runs) in {@code kubectl get pods} and the registry's error in the container's waiting
 * message ({@code .status.containerStatuses[0].state.waiting.message}); each pod runs once what
 * it lacked appears. Five pods on one node fail at once, one per cause: an image the registry
 * never had, a tag it lacks, content whose digest is wrong (a proxy flips a byte of every blob),
 * an image pinned by a digest the registry's content does not have, and a registry that is not
 * running. {@code kubectl describe pod} shows the kubelet's pull events.
 *
 * <p>One registry and one cluster for the class, and its tests side by side: they wait on pull
 * back-offs (10 s, doubling), each on pods and repositories of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Execution(ExecutionMode.CONCURRENT)
class ImagePullFailuresOnContainerNodesIT {
    private Path dir;
    private TestRegistry registry;
    private ContainerCluster cluster;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        ContainerCluster.assumeAvailable();
        this.dir = dir;
        registry = TestRegistry.start(Files.createDirectories(dir.resolve("registry")));
        cluster = ContainerCluster.up(1, dir);
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
        if (registry != null) registry.close();
    }

    @Test
    void eachPullFailureShowsTheKubeletsReasonsWithTheRegistrysErrorAndThePodRunsOnceTheImageAppears()
            throws Exception {
        OciImage app = OciImage.busybox("sh", "-c", "echo running; exec sleep 100000");
        OciImage tampered = OciImage.builder()
                .layer(new Layer().busybox())
                .layer(new Layer().file("etc/motd", "only in this image\n", 0644))
                .cmd("sh", "-c", "echo running; exec sleep 100000")
                .build();
        // Another image, whose digest a pod pins before the registry has it.
        OciImage pinned = OciImage.builder()
                .layer(new Layer().busybox())
                .env("PINNED=1")
                .cmd("sh", "-c", "echo running; exec sleep 100000")
                .build();
        int downPort = TestRegistry.freePort();
        try (RegistryProxy proxy = RegistryProxy.start(registry).tamperBlobs()) {
            registry.push("demo/app", "1", app);
            registry.push("demo/tampered", "1", tampered);
            Map<String, String> images = Map.of(
                    "unknown-image", registry.host() + "/demo/later:1",
                    "unknown-tag", registry.host() + "/demo/app:2",
                    "wrong-digest", proxy.host() + "/demo/tampered:1",
                    "pinned-digest",
                            registry.host() + "/demo/app@" + pinned.manifest().digest(),
                    "registry-down", "127.0.0.1:" + downPort + "/demo/app:1");
            Map<String, String> errors = Map.of(
                    "unknown-image", "not found",
                    "unknown-tag", "not found",
                    "wrong-digest", "unexpected commit digest",
                    "pinned-digest", "not found",
                    "registry-down", "connection refused");
            cluster.apply(String.join(
                    "---\n",
                    images.entrySet().stream()
                            .map(e -> pod(e.getKey(), e.getValue()))
                            .toList()));
            for (String pod : images.keySet()) {
                cluster.awaitDescribing(
                        "default",
                        () -> assertThat(cluster.kubectl("get", "pod", pod, "--no-headers"))
                                .contains("ImagePullBackOff"));
                assertThat(cluster.podField("default", pod, ".status.containerStatuses[0].state.waiting.message"))
                        .as("the waiting message of " + pod)
                        .contains(images.get(pod))
                        .contains(errors.get(pod));
            }
            registry.push("demo/later", "1", app);
            registry.push("demo/app", "2", app);
            registry.push("demo/app", "pinned", pinned);
            proxy.stopTampering();
            try (TestRegistry late = TestRegistry.startOn(Files.createDirectories(dir.resolve("late")), downPort)) {
                late.push("demo/app", "1", app);
                for (String pod : images.keySet()) {
                    cluster.awaitDescribing(
                            "default",
                            () -> assertThat(cluster.kubectl("get", "pod", pod, "--no-headers"))
                                    .contains("Running"));
                    cluster.awaitLogLine("default", pod, "running");
                }
            }
        }
    }

    /**
     * The kubelet records each failed pull as events ({@code Pulling}, {@code Failed}: "Failed to
     * pull image …: the error", {@code Failed}: "Error: ErrImagePull", then {@code BackOff}:
     * "Back-off pulling image …" and {@code Failed}: "Error: ImagePullBackOff" for the back-off),
     * which is where {@code kubectl describe pod} shows the registry's error; once the image is
     * pushed, the next try records {@code Pulled} with the pull's time and the image's size, then
     * {@code Created} and {@code Started}.
     */
    @Test
    void aFailedPullIsDescribedWithTheKubeletsEventsNamingTheRegistrysError() throws Exception {
        String image = registry.host() + "/demo/never:1";
        cluster.apply(pod("never", image));
        cluster.awaitDescribing(
                "default",
                () -> assertThat(cluster.kubectl("describe", "pod", "never"))
                        .contains("Pulling image \"" + image + "\"")
                        .contains("Failed to pull image \"" + image + "\"")
                        .contains("not found")
                        .contains("Error: ErrImagePull")
                        .contains("Back-off pulling image \"" + image + "\"")
                        .contains("Error: ImagePullBackOff"));
        registry.push("demo/never", "1", OciImage.busybox("sh", "-c", "echo running; exec sleep 100000"));
        cluster.awaitDescribing(
                "default",
                () -> assertThat(cluster.kubectl("describe", "pod", "never"))
                        .containsPattern("Successfully pulled image \"" + java.util.regex.Pattern.quote(image)
                                + "\" in [0-9.hms]+ \\([0-9.hms]+ including waiting\\)\\. Image size: [0-9]+ bytes\\.")
                        .contains("Created container: app")
                        .contains("Started container app"));
    }

    private static String pod(String name, String image) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  nodeName: node-1
                  containers:
                  - name: app
                    image: %s
                """.formatted(name, image);
    }
}
