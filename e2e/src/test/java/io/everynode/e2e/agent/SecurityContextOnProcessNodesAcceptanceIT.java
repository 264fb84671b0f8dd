package io.everynode.e2e.agent;

import static io.everynode.e2e.agent.ProcessCluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 4 on a process node, through the real kubectl: a pod's securityContext is
 * enforced (user, capabilities, no_new_privs, read-only root), runAsNonRoot on a root command is
 * refused as the kubelet refuses it, and the pod's securityContext merges with the container's.
 * Needs root (the runtime changes users and namespaces only then).
 */
class SecurityContextOnProcessNodesAcceptanceIT {
    static ProcessCluster cluster;
    static Path mountPoint;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        assumeTrue(
                System.getProperty("os.name", "").toLowerCase().startsWith("linux"), "the process runtime needs Linux");
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "securityContext is enforced when the agent runs as root");
        // uid 1000 must reach the volume's mount point, under the test's own directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        mountPoint = Files.createDirectories(dir.resolve("scratch"));
        cluster = ProcessCluster.up(1, dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    private static String pod(String name, String podSecurityContext, String containerSecurityContext, String script) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  nodeName: node-1
                  restartPolicy: Never
                  securityContext: %s
                  containers:
                    - name: main
                      image: busybox:1.36
                      command: ["sh", "-c", %s]
                      securityContext: %s
                      volumeMounts:
                        - name: scratch
                          mountPath: %s
                  volumes:
                    - name: scratch
                      emptyDir: {}
                """.formatted(name, podSecurityContext, quoted(script), containerSecurityContext, mountPoint);
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String logsWhenDone(String name) {
        await().atMost(WAIT)
                .until(() -> cluster.kubectl("get", "pod", name, "-o", "jsonpath={.status.phase}")
                        .equals("Succeeded"));
        return cluster.kubectl("logs", name);
    }

    @Test
    void theIssuesPodRunsAsUid1000WithoutCapabilitiesAndCannotWriteOutsideItsVolume() {
        String hostFile = "/tmp/everynode-e2e-" + UUID.randomUUID();
        cluster.apply(pod(
                "locked",
                "{}",
                """
                {runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}""",
                "grep -E '^(Uid|CapEff|CapBnd|CapInh|CapAmb|NoNewPrivs):' /proc/self/status; "
                        + "touch " + hostFile + " && echo wrote-tmp; "
                        + "touch /etc/everynode-e2e && echo wrote-etc; "
                        + "cat /etc/shadow > /dev/null && echo read-shadow; "
                        + "echo data > " + mountPoint + "/f && echo wrote-volume"));

        String logs = logsWhenDone("locked");

        assertThat(logs)
                .contains(
                        "Uid:\t1000\t1000\t1000\t1000",
                        "CapEff:\t0000000000000000",
                        "CapBnd:\t0000000000000000",
                        "CapInh:\t0000000000000000",
                        "CapAmb:\t0000000000000000",
                        "NoNewPrivs:\t1",
                        "wrote-volume")
                .doesNotContain("wrote-tmp", "wrote-etc", "read-shadow");
        assertThat(Path.of(hostFile)).doesNotExist();
        assertThat(Path.of("/etc/everynode-e2e")).doesNotExist();
    }

    @Test
    void runAsNonRootOnARootCommandIsRefusedWithTheKubeletsMessage() {
        cluster.apply(pod("rooted", "{runAsNonRoot: true}", "{}", "echo should-not-run"));
        String uid = await().atMost(WAIT)
                .until(
                        () -> cluster.kubectl("get", "pod", "rooted", "-o", "jsonpath={.metadata.uid}"),
                        u -> !u.isEmpty());

        await().atMost(WAIT)
                .until(() -> cluster.kubectl(
                                "get",
                                "pod",
                                "rooted",
                                "-o",
                                "jsonpath={.status.containerStatuses[0].state.waiting.reason}")
                        .equals("CreateContainerConfigError"));
        String expected = "container has runAsNonRoot and image will run as root (pod: \"rooted_default(" + uid
                + ")\", container: main)";
        assertThat(cluster.kubectl(
                        "get", "pod", "rooted", "-o", "jsonpath={.status.containerStatuses[0].state.waiting.message}"))
                .isEqualTo(expected);
        assertThat(cluster.kubectl("get", "pod", "rooted", "--no-headers")).contains("CreateContainerConfigError");
        await().atMost(WAIT)
                .until(() -> cluster.kubectl(
                                "get",
                                "events",
                                "--field-selector",
                                "involvedObject.name=rooted,reason=Failed",
                                "-o",
                                "jsonpath={.items[*].message}")
                        .contains("Error: " + expected));
    }

    @Test
    void thePodsSecurityContextMergesWithTheContainersAndTheContainerWins() {
        cluster.apply(pod(
                "merged",
                "{runAsUser: 2000, runAsGroup: 3000, supplementalGroups: [4000]}",
                "{runAsUser: 1000}",
                "grep -E '^(Uid|Gid|Groups):' /proc/self/status"));

        assertThat(logsWhenDone("merged"))
                .contains("Uid:\t1000\t1000\t1000\t1000", "Gid:\t3000\t3000\t3000\t3000", "Groups:\t4000");
    }
}
