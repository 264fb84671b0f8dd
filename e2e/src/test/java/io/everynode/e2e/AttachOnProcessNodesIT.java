package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl attach} through the API server and the agent's endpoint on a process node: the
 * real kubectl 1.35 speaking {@code v5.channel.k8s.io}. One cluster, pods made for each case:
 * one that keeps printing, one that echoes its stdin, and one under a terminal.
 */
class AttachOnProcessNodesIT {
    static final String IMAGE = "example.com/attachable:1";
    /** The image runs its arguments, so each pod says what it does. */
    static final String SCRIPT = """
            #!/bin/sh
            exec sh -c "$@"
            """;

    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path tmp) throws Exception {
        cluster = GuideCluster.upProcess(1, tmp);
        LocalImages.script(cluster.images(), IMAGE, SCRIPT, tmp.resolve("images-src"));
        cluster.apply(pod(
                "ticker",
                false,
                false,
                "Always",
                "i=0; while :; do i=$((i+1)); echo tick $i; echo tock $i >&2; sleep 0.3; done"));
        cluster.apply(pod("echo", true, false, "Always", "while read l; do echo got:$l; done"));
        cluster.apply(pod("terminal", true, true, "Never", Attaching.TERMINAL_SHELL));
        for (String name : List.of("ticker", "echo", "terminal"))
            await().atMost(GuideCluster.WAIT)
                    .until(() -> cluster.pod("default", name)
                            .map(GuideCluster::ready)
                            .orElse(false));
    }

    static String pod(String name, boolean stdin, boolean tty, String restartPolicy, String shell) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: default
                spec:
                  restartPolicy: %s
                  containers:
                    - name: main
                      image: %s
                      args: ["%s"]
                      stdin: %s
                      tty: %s
                """.formatted(name, restartPolicy, IMAGE, shell.replace("\"", "\\\""), stdin, tty);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void attachShowsTheOutputTheContainerWritesFromNowOnWithStderrApart() throws Exception {
        int before = lastTick(cluster.kubectl("logs", "ticker", "--tail=2"));
        try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "ticker")) {
            await().atMost(GuideCluster.WAIT).until(() -> lastTick(a.output()) > before + 1);
            assertThat(a.output()).doesNotContain("tick 1\n").doesNotContain("tock");
            // stderr reaches kubectl's stderr (channel 2), told apart by the CRI log
            await().atMost(GuideCluster.WAIT).until(() -> a.errors().contains("tock "));
        }
    }

    @Test
    void attachWithStdinFeedsTheContainerAndAnotherAttachAfterAnAgentRestartStillDoes() throws Exception {
        try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "-i", "echo")) {
            a.type("hello\n");
            await().atMost(GuideCluster.WAIT).until(() -> a.output().contains("got:hello"));
        }
        try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "-i", "echo")) {
            a.type("again\n");
            await().atMost(GuideCluster.WAIT).until(() -> a.output().contains("got:again"));
        }
        cluster.running.restartAgent("node-1");
        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            try (Attaching.Attached a = Attaching.Attached.start(cluster.kubectl, "attach", "-i", "echo")) {
                a.type("after restart\n");
                await().atMost(java.time.Duration.ofSeconds(10))
                        .until(() -> a.output().contains("got:after restart"));
            }
        });
        assertThat(cluster.kubectl("get", "pod", "echo", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"))
                .isEqualTo("0");
    }

    @Test
    void attachWithStdinToAContainerWithoutStdinIsRefusedSayingWhy() {
        Kubectl.Result r = cluster.kubectl.runWithInput("x\n", "attach", "-i", "ticker");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("container main in pod ticker", "does not have stdin: true");
    }

    @Test
    void aUserWhoMayOnlyGetPodsAttachIsForbiddenBecauseAttachNeedsCreate() {
        cluster.kubectl("create", "role", "attach-viewer", "--verb=get", "--resource=pods,pods/attach");
        cluster.kubectl("create", "rolebinding", "attach-viewer", "--role=attach-viewer", "--user=viewer");
        await().atMost(GuideCluster.WAIT)
                .until(() -> cluster.kubectl
                                .run("get", "pod", "ticker", "--as=viewer")
                                .exitCode()
                        == 0);
        Kubectl.Result r = cluster.kubectl.run("attach", "ticker", "--as=viewer");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.out()).doesNotContain("tick ");
        assertThat(r.err()).contains("User \"viewer\" cannot create resource \"pods/attach\"");
    }

    /**
     * {@code kubectl attach -it} under {@code script} (a terminal set to 77x33, which kubectl sends
     * as resize frames): the container, under a terminal of its own, reads a line, waits for its
     * terminal's size, prints both and ends; the attach ends with it and kubectl exits 0.
     */
    @Test
    void attachWithATtyReachesTheContainersTerminalAndEndsWhenTheContainerEnds() throws Exception {
        assertThat(Attaching.attachWithTerminal(cluster.kubectl, "terminal", GuideCluster.WAIT))
                .containsPattern("read line size 33 77 on /dev/pts/[0-9]+");
    }

    private static int lastTick(String text) {
        int last = 0;
        for (String l : text.split("\n")) {
            l = l.strip();
            if (l.startsWith("tick ")) last = Math.max(last, Integer.parseInt(l.substring(5)));
        }
        return last;
    }
}
