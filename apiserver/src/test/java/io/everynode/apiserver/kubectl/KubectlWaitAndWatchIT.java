package io.everynode.apiserver.kubectl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.testkit.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl get --watch (plain watch from the list's resourceVersion, Table events) and kubectl
 * wait (watch-list with the initial-events-end bookmark) (kubectl-contract.md §1.6, §2.8, §2.24).
 */
class KubectlWaitAndWatchIT extends KubectlTestBase {

    @BeforeAll
    void seed() throws Exception {
        for (String ns : new String[] {"watch1", "watch2", "wait1", "wait2"}) world.namespace(ns);
        world.node("n1");
    }

    /** The lines a running kubectl printed so far. */
    static final class Lines {
        final StringBuffer text = new StringBuffer();

        Lines(Process p) {
            Thread t = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) text.append(line).append('\n');
                } catch (Exception e) {
                    // the process was destroyed
                }
            });
            t.setDaemon(true);
            t.start();
        }
    }

    @Test
    void getWatchPrintsTheListThenALaterChangeAsARow() throws Exception {
        world.barePod("watch1", "first", null, "{}");
        Process p = kubectl.start("get", "pods", "-n", "watch1", "--watch");
        try {
            Lines lines = new Lines(p);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.text.toString().contains("first"));
            assertThat(lines.text.toString()).startsWith("NAME ");
            // the change is made by another kubectl, as a person would
            kubectl.runWithInput("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"second","namespace":"watch1"},
                     "spec":{"containers":[{"name":"c","image":"nginx:1.27"}]}}""", "create", "-f", "-").assertOk();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.text.toString().matches("(?s).*\nsecond +0/1 +Pending +0 +\\d+s\n.*"));
            assertThat(p.isAlive()).isTrue();
            // the header is printed once
            assertThat(lines.text.toString().split("NAME ", -1)).hasSize(2);
        } finally {
            p.destroy();
        }
    }

    @Test
    void getWatchOfANamedObjectShowsItsModification() throws Exception {
        world.node("n-watched");
        Process p = kubectl.start("get", "node", "n-watched", "--watch");
        try {
            Lines lines = new Lines(p);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.text.toString().contains("n-watched"));
            kubectl.run("cordon", "n-watched").assertOk();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.text.toString().contains("Ready,SchedulingDisabled"));
            assertThat(lines.text.toString())
                    .matches("(?s)NAME +STATUS +ROLES +AGE +VERSION\nn-watched +Ready +<none> .*"
                            + "\nn-watched +Ready,SchedulingDisabled +<none> .*");
        } finally {
            p.destroy();
        }
    }

    @Test
    void waitForConditionReadyReturnsOnceTheKubeletReportsReady() {
        world.barePod("wait1", "web-1", "n1", "{\"app\":\"web\"}");
        world.barePod("wait1", "web-2", "n1", "{\"app\":\"web\"}");
        world.markReady("wait1", "web-1");
        CompletableFuture<Kubectl.Result> waiting = CompletableFuture.supplyAsync(() ->
                kubectl.run("wait", "--for=condition=Ready", "pod", "-l", "app=web", "-n", "wait1", "--timeout=60s"));
        world.markReady("wait1", "web-2");
        var r = waiting.join().assertOk();
        assertThat(r.out()).isEqualTo("pod/web-1 condition met\npod/web-2 condition met\n");
    }

    @Test
    void waitForConditionTimesOutWhileThePodIsNotReady() {
        world.barePod("wait2", "slow", "n1", "{}");
        var r = kubectl.run("wait", "--for=condition=Ready", "pod/slow", "-n", "wait2", "--timeout=2s");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: timed out waiting for the condition on pods/slow\n");
    }

    @Test
    void waitForDeleteReturnsWhenTheKubeletFinishesTheDeletion() {
        world.barePod("wait2", "leaving", "n1", "{}");
        kubectl.run("delete", "pod", "leaving", "-n", "wait2", "--wait=false").assertOk();
        long readsBefore = podReads();
        CompletableFuture<Kubectl.Result> waiting = CompletableFuture.supplyAsync(
                () -> kubectl.run("wait", "--for=delete", "pod/leaving", "-n", "wait2", "--timeout=60s"));
        // kubectl has read the pod (its watch starts from that read's revision, so a delete from
        // here on is seen) and is still waiting.
        await().atMost(Duration.ofSeconds(30)).until(() -> podReads() > readsBefore);
        assertThat(waiting).isNotDone();
        api.delete("/api/v1/namespaces/wait2/pods/leaving", "{\"gracePeriodSeconds\":0}")
                .assertCode(200);
        assertThat(waiting.join().assertOk().out()).isEqualTo("pod/leaving condition met\n");
    }

    /** Pod reads the server has answered (GETs and LISTs), from its request counter. */
    private long podReads() {
        return api.get("/metrics")
                .body()
                .lines()
                .filter(l -> l.startsWith("apiserver_request_total{")
                        && l.contains("resource=\"pods\"")
                        && l.contains("verb=\"GET\""))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void waitForDeleteOfAMissingObjectSucceedsAtOnce() {
        assertThat(kubectl.run("wait", "--for=delete", "pod/never", "-n", "wait2", "--timeout=10s")
                        .exitCode())
                .isZero();
    }
}
