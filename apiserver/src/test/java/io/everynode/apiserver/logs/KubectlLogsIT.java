package io.everynode.apiserver.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.testkit.Kubectl;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl logs} through {@code pods/log}, relayed to a node's agent endpoint (a fake one here). */
class KubectlLogsIT {
    static TestServer server;
    static FakeAgent agent;
    static Kubectl kubectl;
    static RawApi api;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.memory();
        agent = new FakeAgent();
        kubectl = Kubectl.forServer(server.url(), dir);
        api = new RawApi(server.url());
        // Agents are found by the node's status alone, as upstream finds the kubelet.
        node("n1", "{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"},{\"type\":\"Hostname\",\"address\":\"n1\"}");
        // No InternalIP: the ExternalIP is next in the preferred order; the Hostname never is (it would go through
        // DNS).
        node(
                "n2",
                "{\"type\":\"Hostname\",\"address\":\"agent.invalid\"},{\"type\":\"ExternalIP\",\"address\":\"127.0.0.1\"}");
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"silent"}}""").assertCode(201);

        pod("web", "n1", "main");
        running("web", "main", true);
        pod("two", "n1", "a", "b");
        running("two", "a", false);
        running("two", "b", false);
        pod("byip", "n2", "main");
        running("byip", "main", false);
        pod("fresh", "n1", "main");
        running("fresh", "main", false);
        pod("pending", "n1", "main");
        waiting("pending", "main", "ContainerCreating");
        pod("pulling", "n1", "main");
        waiting("pulling", "main", "ErrImagePull");
        pod("unbound", null, "main");
        pod("quiet", "silent", "main");
        running("quiet", "main", false);
        pod("nolog", "n1", "main");
        running("nolog", "main", false);
        pod("guarded", "n1", "main");
        running("guarded", "main", false);

        agent.bodies.put("/containerLogs/default/web/main", "line 1\nline 2\nline 3\n");
        agent.bodies.put("/containerLogs/default/two/b", "from b\n");
        agent.bodies.put("/containerLogs/default/byip/main", "found by address\n");
        agent.codes.put("/containerLogs/default/guarded/main", 403);
        agent.bodies.put(
                "/containerLogs/default/guarded/main",
                "Forbidden (user=someone, verb=get, resource=nodes, subresource(s)=[proxy])");
        agent.codes.put("/containerLogs/default/nolog/main", 404);
        agent.bodies.put(
                "/containerLogs/default/nolog/main",
                "node \"n1\" keeps no logs for container \"main\" in pod \"nolog\"");
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        server.close();
    }

    /** A Node whose status has {@code addresses} (JSON objects) and the fake agent's port as its kubelet port. */
    private static void node(String name, String addresses) {
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(name)).assertCode(201);
        api.patch("/api/v1/nodes/" + name + "/status", "application/merge-patch+json", """
                {"status":{"addresses":[%s],"daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}""".formatted(
                                addresses, agent.server.getAddress().getPort()))
                .assertCode(200);
    }

    private static void pod(String name, String node, String... containers) {
        StringBuilder cs = new StringBuilder();
        for (String c : containers)
            cs.append(cs.length() == 0 ? "" : ",")
                    .append("{\"name\":\"")
                    .append(c)
                    .append("\",\"image\":\"busybox\"}");
        String nodeName = node == null ? "" : "\"nodeName\":\"" + node + "\",";
        api.post("/api/v1/namespaces/default/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{%s"containers":[%s]}}""".formatted(name, nodeName, cs))
                .assertCode(201);
    }

    private static void running(String pod, String container, boolean restarted) {
        String last = restarted
                ? ",\"lastState\":{\"terminated\":{\"exitCode\":1,\"reason\":\"Error\",\"containerID\":\"sim://old\"}}"
                : "";
        status(pod, container, "{\"running\":{\"startedAt\":\"2026-01-01T00:00:00Z\"}}" + last);
    }

    private static void waiting(String pod, String container, String reason) {
        status(pod, container, "{\"waiting\":{\"reason\":\"" + reason + "\"}}");
    }

    /** Adds one container status (merge patch replaces the list, so statuses accumulate by re-reading). */
    private static void status(String pod, String container, String stateAndMore) {
        var current = api.get("/api/v1/namespaces/default/pods/" + pod).json().at("/status/containerStatuses");
        StringBuilder list = new StringBuilder();
        for (var cs : current) list.append(cs.toString()).append(",");
        int cut = stateAndMore.indexOf("},\"lastState\"");
        String state = cut < 0 ? stateAndMore : stateAndMore.substring(0, cut + 1);
        String more = cut < 0 ? "" : stateAndMore.substring(cut + 1);
        list.append("{\"name\":\"")
                .append(container)
                .append("\",\"image\":\"busybox\",\"imageID\":\"\",\"ready\":true,\"restartCount\":0,")
                .append("\"containerID\":\"sim://")
                .append(pod)
                .append(container)
                .append("\",\"state\":")
                .append(state)
                .append(more)
                .append("}");
        api.patch(
                        "/api/v1/namespaces/default/pods/" + pod + "/status",
                        "application/merge-patch+json",
                        "{\"status\":{\"containerStatuses\":[" + list + "]}}")
                .assertCode(200);
    }

    @Test
    void logsPrintsTheOnlyContainersLogFromItsNodesAgent() {
        assertThat(kubectl.ok("logs", "web")).isEqualTo("line 1\nline 2\nline 3\n");
        assertThat(agent.requests).contains("/containerLogs/default/web/main");
    }

    @Test
    void aContainerIsChosenWithDashC() {
        assertThat(kubectl.ok("logs", "two", "-c", "b")).isEqualTo("from b\n");
    }

    @Test
    void tailAndPreviousAndTimestampsAreForwardedToTheAgent() {
        kubectl.ok("logs", "web", "--tail=2", "--previous", "--timestamps");
        assertThat(agent.requests)
                .anyMatch(r -> r.startsWith("/containerLogs/default/web/main?")
                        && r.contains("tailLines=2")
                        && r.contains("previous=true")
                        && r.contains("timestamps=true"));
    }

    @Test
    void aNodeWithoutAnInternalIpIsReachedByItsExternalIpNeverByItsHostname() {
        assertThat(kubectl.ok("logs", "byip")).isEqualTo("found by address\n");
    }

    @Test
    void followStreamsLinesAsTheyComeAndAKubectlThatGoesAwayEndsTheAgentRequest() throws Exception {
        agent.followed.add("first");
        Process p = kubectl.start("logs", "-f", "web");
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (Exception e) {
                // kubectl was killed
            }
        });
        reader.start();
        try {
            assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("first");
            agent.followed.add("second");
            assertThat(lines.poll(60, TimeUnit.SECONDS)).isEqualTo("second");
        } finally {
            p.destroyForcibly();
        }
        // The relay notices kubectl is gone and ends its request: the agent's next write fails.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            agent.followed.offer("after");
            return agent.followEnded;
        });
    }

    @Test
    void aPodThatDoesNotExistIsNotFound() {
        var r = kubectl.run("logs", "nope");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("pods \"nope\" not found");
    }

    @Test
    void aPodWithSeveralContainersNeedsOneNamedOverTheApi() {
        var r = api.get("/api/v1/namespaces/default/pods/two/log");
        assertThat(r.code()).isEqualTo(400);
        assertThat(r.json().path("message").asString())
                .isEqualTo("a container name must be specified for pod two, choose one of: [a b]");
    }

    @Test
    void anUnknownContainerIsNotValid() {
        assertThat(kubectl.run("logs", "web", "-c", "sidecar").err())
                .contains("container sidecar is not valid for pod web");
    }

    @Test
    void aContainerThatNeverRanIsWaitingToStart() {
        assertThat(kubectl.run("logs", "pending").err())
                .contains("container \"main\" in pod \"pending\" is waiting to start: ContainerCreating");
        assertThat(kubectl.run("logs", "pulling").err())
                .contains("container \"main\" in pod \"pulling\" is waiting to start: image can't be pulled");
    }

    @Test
    void previousWithoutAPreviousInstanceIsNotFound() {
        assertThat(kubectl.run("logs", "fresh", "--previous").err())
                .contains("previous terminated container \"main\" in pod \"fresh\" not found");
    }

    @Test
    void aPodNotOnANodeHasNoHost() {
        assertThat(kubectl.run("logs", "unbound").err()).contains("pod unbound does not have a host assigned");
    }

    @Test
    void aNodeWhoseAgentKeepsNoLogSaysSo() {
        var r = kubectl.run("logs", "nolog");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("node \"n1\" keeps no logs for container \"main\" in pod \"nolog\"");
    }

    @Test
    void anAgentThatRefusesTheServerIsForbiddenWithTheAgentsText() {
        var r = kubectl.run("logs", "guarded");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains("Error from server (Forbidden)")
                .contains("Forbidden (user=someone, verb=get, resource=nodes, subresource(s)=[proxy])");
    }

    @Test
    void aNodeWithoutAnEndpointServesNoLogs() {
        assertThat(kubectl.run("logs", "quiet").err()).contains("node \"silent\" serves no logs");
    }

    @Test
    void negativeTailLinesAreInvalid() {
        var r = api.get("/api/v1/namespaces/default/pods/web/log?tailLines=-1");
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.json().path("message").asString()).contains("tailLines");
    }
}
