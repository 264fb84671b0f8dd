package io.everynode.apiserver.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.testkit.Kubectl;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The probe that found {@code pods/log} following a Node annotation, sent again: a local service
 * with a secret stands beside a real (fake) agent, and no node, however annotated or whatever its
 * status says, makes the API server fetch the secret.
 */
class LogTargetFromNodeStatusIT {
    static final AtomicInteger NAMES = new AtomicInteger();
    static TestServer server;
    static FakeAgent agent;
    /** A local service that must never be asked anything. */
    static FakeAgent secret;

    static Kubectl kubectl;
    static RawApi api;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        server = TestServer.memory();
        agent = new FakeAgent();
        secret = new FakeAgent();
        secret.bodies.put("/secret.txt", "the secret\n");
        kubectl = Kubectl.forServer(server.url(), dir);
        api = new RawApi(server.url());
    }

    @AfterAll
    static void stop() throws Exception {
        agent.close();
        secret.close();
        server.close();
    }

    @BeforeEach
    void nothingAskedYet() {
        secret.requests.clear();
    }

    @Test
    void aNodeAnnotatedWithAHostileEndpointIsNotFollowed() {
        String node = "annotated-" + NAMES.incrementAndGet();
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","annotations":{"everynode.io/agent-endpoint":"%s/secret.txt?"}}}""".formatted(node, secret.endpoint())).assertCode(201);
        String pod = runningPodOn(node);

        var r = kubectl.run("logs", pod);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("the secret");
        assertThat(r.err()).contains("node \"" + node + "\" serves no logs: its agent advertises no log port");
        assertThat(secret.requests).isEmpty();
    }

    @Test
    void patchingARealNodesAnnotationDoesNotHijackItsPodsLogs() {
        String node = "real-" + NAMES.incrementAndGet();
        nodeWithStatus(node, "\"127.0.0.1\"", agent.server.getAddress().getPort());
        String pod = runningPodOn(node);
        agent.bodies.put("/containerLogs/default/" + pod + "/main", "the pod's own log\n");
        api.patch("/api/v1/nodes/" + node, "application/merge-patch+json", """
                {"metadata":{"annotations":{"everynode.io/agent-endpoint":"%s/secret.txt?"}}}""".formatted(secret.endpoint()))
                .assertCode(200);

        assertThat(kubectl.ok("logs", pod)).isEqualTo("the pod's own log\n");
        assertThat(secret.requests).isEmpty();
    }

    /** InternalIP values that are not a bare IP literal; the port is the secret service's, so following them would reach it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1:SECRET/secret.txt?",
                "127.0.0.1/secret.txt?x=",
                "127.0.0.1:SECRET",
                "localhost",
                "secret.invalid",
                "127.0.0.1#",
                "127.0.0.1 ",
                "0177.0.0.1",
                "[::1]",
                "::1%lo",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                ""
            })
    void anInternalIpThatIsNotAnIpLiteralIsRefusedAndNothingIsFetched(String hostile) {
        String node = "hostile-ip-" + NAMES.incrementAndGet();
        String address = hostile.replace(
                "SECRET", Integer.toString(secret.server.getAddress().getPort()));
        nodeWithStatus(node, "\"" + address + "\"", secret.server.getAddress().getPort());
        String pod = runningPodOn(node);

        var r = api.get("/api/v1/namespaces/default/pods/" + pod + "/log");

        assertRefused(r, node, "status.addresses[0].address", "is not an IP address");
        assertThat(secret.requests).isEmpty();
    }

    @Test
    void anInternalIpThatIsNotTextIsRefused() {
        String node = "number-ip-" + NAMES.incrementAndGet();
        nodeWithStatus(node, "2130706433", secret.server.getAddress().getPort());
        String pod = runningPodOn(node);

        assertRefused(
                api.get("/api/v1/namespaces/default/pods/" + pod + "/log"),
                node,
                "status.addresses[0].address",
                "is not an IP address");
        assertThat(secret.requests).isEmpty();
    }

    /** Port values a status write accepts (a number, or a string of digits) that are still no port to connect to. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "65536", "70000", "\"SECRET\"", "1.5"})
    void aKubeletPortThatIsNotAPortNumberIsRefusedAndNothingIsFetched(String hostile) {
        String node = "hostile-port-" + NAMES.incrementAndGet();
        String port = hostile.replace(
                "SECRET", Integer.toString(secret.server.getAddress().getPort()));
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(node)).assertCode(201);
        api.patch("/api/v1/nodes/" + node + "/status", "application/merge-patch+json", """
                {"status":{"addresses":[{"type":"InternalIP","address":"127.0.0.1"}],"daemonEndpoints":{"kubeletEndpoint":{"Port":%s}}}}""".formatted(port))
                .assertCode(200);
        String pod = runningPodOn(node);

        assertRefused(
                api.get("/api/v1/namespaces/default/pods/" + pod + "/log"),
                node,
                "status.daemonEndpoints.kubeletEndpoint.Port",
                "is not a port number (1-65535)");
        assertThat(secret.requests).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"SECRET/secret.txt?\"", "true", "{\"x\":1}"})
    void aKubeletPortThatIsNoNumberAtAllIsNotEvenStored(String hostile) {
        String node = "bad-port-" + NAMES.incrementAndGet();
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(node)).assertCode(201);
        String port = hostile.replace(
                "SECRET", Integer.toString(secret.server.getAddress().getPort()));

        api.patch("/api/v1/nodes/" + node + "/status", "application/merge-patch+json", """
                {"status":{"daemonEndpoints":{"kubeletEndpoint":{"Port":%s}}}}""".formatted(port))
                .assertCode(400);
    }

    @Test
    void aNodeWithoutAnIpAddressIsRefused() {
        String node = "nameonly-" + NAMES.incrementAndGet();
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(node)).assertCode(201);
        api.patch("/api/v1/nodes/" + node + "/status", "application/merge-patch+json", """
                {"status":{"addresses":[{"type":"Hostname","address":"127.0.0.1"},{"type":"InternalDNS","address":"localhost"}],
                 "daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}""".formatted(
                                secret.server.getAddress().getPort()))
                .assertCode(200);
        String pod = runningPodOn(node);

        assertRefused(
                api.get("/api/v1/namespaces/default/pods/" + pod + "/log"),
                node,
                "status.addresses",
                "it has no address of type InternalIP or ExternalIP");
        assertThat(secret.requests).isEmpty();
    }

    @Test
    void onlyTheForwardedParametersReachTheAgentEachValueEncoded() {
        String node = "query-" + NAMES.incrementAndGet();
        nodeWithStatus(node, "\"127.0.0.1\"", agent.server.getAddress().getPort());
        String pod = runningPodOn(node);
        agent.bodies.put("/containerLogs/default/" + pod + "/main", "ok\n");

        api.get("/api/v1/namespaces/default/pods/" + pod
                        + "/log?path=/secret.txt&sinceTime=x%26follow%3Dtrue%23%2F..%2Fsecret")
                .assertCode(200);

        assertThat(agent.requests)
                .contains("/containerLogs/default/" + pod + "/main?sinceTime=x%26follow%3Dtrue%23%2F..%2Fsecret");
    }

    private static void assertRefused(RawApi.Reply r, String node, String field, String why) {
        assertThat(r.code()).isEqualTo(500);
        ObjectNode s = r.json();
        assertThat(s.path("kind").asString()).isEqualTo("Status");
        assertThat(s.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(s.path("status").asString()).isEqualTo("Failure");
        assertThat(s.path("reason").asString()).isEqualTo("InternalError");
        assertThat(s.path("code").asInt()).isEqualTo(500);
        assertThat(s.path("message").asString())
                .startsWith("Internal error occurred: node \"" + node + "\" serves no logs: ")
                .contains(why);
        assertThat(s.at("/details/causes/0/field").asString()).isEqualTo(field);
    }

    private static void nodeWithStatus(String node, String internalIp, int port) {
        api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s"}}""".formatted(node)).assertCode(201);
        api.patch("/api/v1/nodes/" + node + "/status", "application/merge-patch+json", """
                {"status":{"addresses":[{"type":"InternalIP","address":%s}],"daemonEndpoints":{"kubeletEndpoint":{"Port":%d}}}}""".formatted(internalIp, port))
                .assertCode(200);
    }

    /** A pod bound to {@code node} whose only container runs: everything pods/log checks before it looks at the node passes. */
    private static String runningPodOn(String node) {
        String pod = "p-" + NAMES.incrementAndGet();
        api.post("/api/v1/namespaces/default/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":{"nodeName":"%s","containers":[{"name":"main","image":"busybox"}]}}""".formatted(pod, node)).assertCode(201);
        api.patch("/api/v1/namespaces/default/pods/" + pod + "/status", "application/merge-patch+json", """
                {"status":{"containerStatuses":[{"name":"main","image":"busybox","imageID":"","ready":true,"restartCount":0,
                 "containerID":"sim://%s","state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}""".formatted(
                                pod))
                .assertCode(200);
        return pod;
    }
}
