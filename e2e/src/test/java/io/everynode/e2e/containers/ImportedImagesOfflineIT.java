package io.everynode.e2e.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.cli.Main;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.TestRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An offline machine: {@code everynode image import} (the real command, in a JVM of its own) puts
 * an OCI archive into the cluster's image store, and a pod with {@code imagePullPolicy:
 * IfNotPresent} runs it. The image names a loopback registry nothing listens on, so any pull
 * would fail with connection refused.
 */
class ImportedImagesOfflineIT {
    @TempDir
    Path dir;

    @Test
    void anImportedOciArchiveRunsWithIfNotPresentWhileItsRegistryIsUnreachable() throws Exception {
        ContainerCluster.assumeAvailable();
        String image = "127.0.0.1:" + TestRegistry.freePort() + "/offline/agent:1";
        Path archive = dir.resolve("agent.tar");
        OciImage.busybox("sh", "-c", "echo running offline as $(hostname); exec sleep 100000")
                .writeOciArchive(archive, image);
        try (ContainerCluster cluster = ContainerCluster.up(1, dir)) {
            assertThat(everynode(
                            "image",
                            "import",
                            archive.toString(),
                            "--image-store",
                            cluster.imageStore().toString()))
                    .startsWith("imported " + image + " sha256:");
            assertThat(everynode(
                            "image", "ls", "--image-store", cluster.imageStore().toString()))
                    .contains("127.0.0.1:")
                    .contains("/offline/agent");
            cluster.apply("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: offline, namespace: default}
                    spec:
                      nodeName: node-1
                      containers:
                      - name: agent
                        image: %s
                        imagePullPolicy: IfNotPresent
                    """.formatted(image));
            assertThat(cluster.awaitLogLine("default", "offline", "running offline"))
                    .contains("running offline as offline");
            assertThat(cluster.kubectl("get", "pod", "offline", "--no-headers")).contains("Running");
        }
    }

    /** Runs {@code everynode ARGS} as a process; its stdout, failing on a non-zero exit. */
    private static String everynode(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue())
                .as("everynode " + String.join(" ", args) + " exits 0: " + out)
                .isZero();
        return out;
    }
}
