package io.everynode.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.cli.Main;
import io.everynode.testkit.Kubectl;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * E1.1–E1.6 and E2.1 with the real kubectl on {@code up}'s simulated nodes: a rollout to pods that
 * crash (the simulated runtime's fail annotation) passes its progress deadline, the condition shows
 * through {@code kubectl get -o jsonpath}, kubectl's own rollout status does not see it, and
 * {@code everynode rollout status} exits 1 with the reason; a surge manifest binding a hostPort is
 * refused by {@code kubectl apply} with the Status message.
 */
class ProgressDeadlineIT {
    static final List<String> NODES = List.of("node-1", "node-2", "node-3");
    static GuideCluster cluster;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cluster = GuideCluster.up(NODES.size(), dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    /** minReadySeconds 3: a crashing pod is Ready for under a second, so it never becomes available. */
    static final String AGENT = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
              annotations:
                everynode.io/progress-deadline-seconds: "8"
            spec:
              selector:
                matchLabels: {app: agent}
              minReadySeconds: 3
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  containers:
                  - name: agent
                    image: everynode/demo-agent:1
            """;

    @Test
    void aRolloutThatStopsProgressingExceedsItsDeadlineAndEverynodeRolloutStatusSaysSo() {
        cluster.apply(AGENT);
        cluster.kubectl("rollout", "status", "ds/agent", "--timeout=60s");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(progressing("reason")).isEqualTo("NewRevisionAvailable"));
        assertThat(everynode("rollout", "status", "ds/agent").exitCode()).isZero();

        cluster.kubectl(
                "patch",
                "ds/agent",
                "--type=merge",
                "-p",
                "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"everynode.io/simulate-fail\":\"true\"}},"
                        + "\"spec\":{\"containers\":[{\"name\":\"agent\",\"image\":\"everynode/demo-agent:2\"}]}}}}");

        // Watches from the stalled rollout's start until the deadline passes, then fails with the reason.
        Run run = everynode("rollout", "status", "ds/agent", "--timeout", "90s");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("Waiting for daemon set \"agent\" rollout to finish: ");
        assertThat(run.err()).isEqualTo("error: daemon set \"agent\" exceeded its progress deadline\n");
        assertThat(progressing("reason")).isEqualTo("ProgressDeadlineExceeded");
        assertThat(progressing("status")).isEqualTo("False");
        assertThat(progressing("message"))
                .startsWith("DaemonSet \"agent\" has timed out progressing: no new pod became available in 8s;"
                        + " new pods not available on nodes ");
        await().atMost(GuideCluster.WAIT)
                .untilAsserted(() -> assertThat(cluster.kubectl(
                                "get", "events", "--field-selector", "reason=ProgressDeadlineExceeded", "-o", "name"))
                        .isNotBlank());
        assertThat(everynode("rollout", "status", "ds/agent", "--watch=false").exitCode())
                .as("once past the deadline, without watching too")
                .isEqualTo(1);

        // kubectl's DaemonSet viewer reads no condition: it reports the rollout as merely unfinished.
        Kubectl.Result kubectl = cluster.kubectl.run("rollout", "status", "ds/agent", "--watch=false");
        assertThat(kubectl.exitCode()).isZero();
        assertThat(kubectl.out()).startsWith("Waiting for daemon set \"agent\" rollout to finish:");
    }

    @Test
    void kubectlApplyOfASurgeRolloutThatBindsAHostPortIsRefusedWithTheReason() {
        String manifest = """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: exporter
                spec:
                  selector:
                    matchLabels: {app: exporter}
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate: {maxSurge: 1, maxUnavailable: 0}
                  template:
                    metadata:
                      labels: {app: exporter}
                    spec:
                      containers:
                      - name: exporter
                        image: everynode/demo-agent:1
                        ports:
                        - containerPort: 9100
                          hostPort: 9100
                """;

        Kubectl.Result r = cluster.kubectl.runWithInput(manifest, "apply", "-f", "-");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("The DaemonSet \"exporter\" is invalid: spec.template.spec.containers[0].ports[0].hostPort:"
                        + " Invalid value: 9100: may not be set when spec.updateStrategy.rollingUpdate.maxSurge is"
                        + " non-zero: two pods of one DaemonSet cannot bind one host port on one node");
        assertThat(cluster.kubectl.run("get", "ds", "exporter").exitCode())
                .as("nothing was written")
                .isEqualTo(1);
    }

    private static String progressing(String field) {
        return cluster.kubectl(
                "get", "ds", "agent", "-o", "jsonpath={.status.conditions[?(@.type==\"Progressing\")]." + field + "}");
    }

    private static String kubeconfig() {
        return cluster.running.kubeconfig().toString();
    }

    record Run(int exitCode, String out, String err) {}

    /** The {@code everynode} command in this JVM, as the launcher runs it, with the cluster's kubeconfig. */
    private static Run everynode(String... args) {
        String[] all = args;
        if (!List.of(args).contains("--kubeconfig")) {
            all = java.util.stream.Stream.concat(
                            java.util.Arrays.stream(args), java.util.stream.Stream.of("--kubeconfig", kubeconfig()))
                    .toArray(String[]::new);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, UTF_8));
        System.setErr(new PrintStream(err, true, UTF_8));
        try {
            int code = new CommandLine(new Main()).execute(all);
            return new Run(code, out.toString(UTF_8), err.toString(UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
