package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl exec} and {@code kubectl cp} through the API server and the agent's endpoint
 * (over TLS, as {@code up} runs it) on a process node: the real kubectl 1.35 speaking
 * {@code v5.channel.k8s.io}. The pod's image is a shell script that keeps running.
 */
class ExecOnProcessNodesIT {
    static final String IMAGE = "example.com/sleeper:1";
    static final String SCRIPT = """
            #!/bin/sh
            echo "sleeper up"
            while :; do sleep 5; done
            """;
    static GuideCluster cluster;
    static Path dir;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        dir = tmp;
        cluster = GuideCluster.upProcess(1, tmp);
        LocalImages.script(cluster.images(), IMAGE, SCRIPT, tmp.resolve("images-src"));
        cluster.apply("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: sleeper
                  namespace: default
                spec:
                  containers:
                    - name: main
                      image: %s
                """.formatted(IMAGE));
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.pod("default", "sleeper")
                        .map(GuideCluster::ready)
                        .orElse(false));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void execPrintsTheCommandsOutputAndErrorsAndExitsWithItsCode() {
        Kubectl.Result r =
                cluster.kubectl.run("exec", "sleeper", "--", "sh", "-c", "echo to-out; echo to-err >&2; exit 3");
        assertThat(r.out()).as(r.err()).isEqualTo("to-out\n");
        assertThat(r.err()).contains("to-err");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void aSuccessfulExecExitsZero() {
        Kubectl.Result r = cluster.kubectl.run("exec", "sleeper", "-c", "main", "--", "echo", "hello", "there");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("hello there\n");
    }

    @Test
    void execWithStdinFeedsTheCommand() {
        Kubectl.Result r = cluster.kubectl.runWithInput("line one\nline two\n", "exec", "-i", "sleeper", "--", "cat");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("line one\nline two\n");
    }

    @Test
    void cpCopiesAFileOutOfTheContainer() throws Exception {
        String file = "/tmp/everynode-cp-" + UUID.randomUUID();
        try {
            cluster.kubectl.ok("exec", "sleeper", "--", "sh", "-c", "echo copied out > " + file);
            Path local = dir.resolve("copied");
            Kubectl.Result r = cluster.kubectl.run("cp", "sleeper:" + file, local.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(Files.readString(local)).isEqualTo("copied out\n");
        } finally {
            cluster.kubectl.run("exec", "sleeper", "--", "rm", "-f", file);
        }
    }

    /**
     * {@code kubectl exec -it} needs a terminal of its own: kubectl runs under {@code script},
     * whose terminal is set to 77x33 first, and sends that size (a resize frame) to the exec.
     */
    @Test
    void execWithATtyGivesTheCommandATerminalOfTheClientsSize() throws Exception {
        assertThat(terminalExec(cluster.kubectl, "sleeper"))
                .contains("size 33 77")
                .containsPattern("/dev/pts/[0-9]+");
    }

    /**
     * Runs {@code kubectl exec -it POD} under {@code script}, which gives kubectl a terminal
     * (set to 77x33 first, which kubectl sends as a resize), with a command that waits for its
     * terminal's size to arrive, prints it ({@code size ROWS COLS}) and its terminal's name; the
     * output, after kubectl exited 0. Skips without util-linux {@code script}.
     */
    static String terminalExec(Kubectl kubectl, String pod) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/script")), "needs util-linux script for kubectl's terminal");
        String inContainer = "i=0; while [ $i -lt 50 ]; do s=$(busybox stty size 2>/dev/null);"
                + " case \"$s\" in \"\"|\"0 0\") ;; *) break ;; esac;"
                + " sleep 0.1; i=$((i+1)); done; echo \"size $s\"; busybox tty";
        String command = Kubectl.binary() + " --kubeconfig " + kubectl.kubeconfig() + " exec -it " + pod + " -- sh -c '"
                + inContainer + "'";
        Process p = new ProcessBuilder(
                        "script", "--quiet", "--return", "--command", "stty cols 77 rows 33; " + command, "/dev/null")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void aUserWhoMayOnlyGetPodsExecIsForbiddenBecauseExecNeedsCreate() {
        cluster.kubectl("create", "role", "exec-viewer", "--verb=get", "--resource=pods,pods/exec");
        cluster.kubectl("create", "rolebinding", "exec-viewer", "--role=exec-viewer", "--user=viewer");
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.kubectl
                                .run("get", "pod", "sleeper", "--as=viewer")
                                .exitCode()
                        == 0);
        Kubectl.Result r = cluster.kubectl.run("exec", "sleeper", "--as=viewer", "--", "echo", "should not run");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).doesNotContain("should not run");
        assertThat(r.err()).contains("User \"viewer\" cannot create resource \"pods/exec\"");
    }

    @Test
    void aContainerThePodDoesNotHaveIsRefusedWithUpstreamsMessage() {
        Kubectl.Result r = cluster.kubectl.run("exec", "sleeper", "-c", "nope", "--", "true");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("container nope is not valid for pod sleeper");
    }
}
