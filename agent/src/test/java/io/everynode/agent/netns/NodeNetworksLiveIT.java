package io.everynode.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real thing: namespaces, veths and a bridge on this machine. Skipped (with the check's
 * reason) where the machine does not allow them, or without python3 for the test servers. Every
 * test uses a cluster id of its own, so runs side by side do not meet; all traffic stays on the
 * test's own bridge and namespaces.
 */
class NodeNetworksLiveIT {
    private static final int PORT = 18080;
    /** A one-line HTTP server answering every GET with argv[1]; argv[2] is the port. */
    private static final String SERVER = String.join(
            "\n",
            "import http.server, sys",
            "body = sys.argv[1].encode()",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    def do_GET(self):",
            "        self.send_response(200)",
            "        self.send_header('Content-Length', str(len(body)))",
            "        self.end_headers()",
            "        self.wfile.write(body)",
            "    def log_message(self, *a):",
            "        pass",
            "http.server.HTTPServer(('0.0.0.0', int(sys.argv[2])), H).serve_forever()");

    private static final String CLIENT =
            "import sys, urllib.request; print(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())";

    private static String python;

    private final String clusterId = "live-test-" + UUID.randomUUID();
    private final String tag = NetnsPlan.of(clusterId).tag();
    private final List<NodeNetworks> made = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void machineAllowsNamespaces() {
        Availability a = NodeNetworks.check();
        assumeTrue(a.available(), a.reason());
        python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : onPath("python3");
        assumeTrue(python != null, "python3 is needed for the test servers");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        for (NodeNetworks n : made) {
            n.close();
        }
    }

    @Test
    void podsOnTwoNodesListenOnTheSamePortAndTheHostReachesEachAtItsNodeIP() {
        NodeNetworks nets = networks();
        NodeNetwork a = nets.create("node-a");
        NodeNetwork b = nets.create("node-b");
        assertThat(a.nodeIP()).isNotEqualTo(b.nodeIP());

        serve(a, "node-a");
        serve(b, "node-b");

        awaitBody(a.nodeIP(), "node-a");
        awaitBody(b.nodeIP(), "node-b");
        assertThat(processes).allMatch(Process::isAlive);
    }

    @Test
    void aNodeReachesAnotherNodeAtItsNodeIP() {
        NodeNetworks nets = networks();
        NodeNetwork a = nets.create("node-a");
        NodeNetwork b = nets.create("node-b");
        serve(b, "node-b");

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(
                        () -> assertThat(runIn(a, python, "-c", CLIENT, "http://" + b.nodeIP() + ":" + PORT + "/"))
                                .isEqualTo("node-b"));
    }

    @Test
    void aProcessStartedThroughTheLaunchPrefixKeepsItsPidAndSeesOnlyLoopbackAndEth0() throws Exception {
        NodeNetwork a = networks().create("node-a");
        List<String> cmd = new ArrayList<>(a.launchPrefix());
        cmd.addAll(List.of("sh", "-c", "echo $$"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = readAll(p);
        assertThat(out).isEqualTo(Long.toString(p.pid()));

        String links = runIn(a, "ip", "-o", "link", "show");
        assertThat(links.lines()
                        .map(l -> l.split("\\s+")[1].replaceFirst(":$", "").replaceFirst("@.*$", "")))
                .containsExactlyInAnyOrder("lo", "eth0");
        assertThat(runIn(a, "ip", "-4", "-o", "addr", "show", "dev", "eth0")).contains(a.nodeIP() + "/24");
        assertThat(runIn(a, "ip", "-4", "route", "show", "default")).contains("via " + a.hostIP());
    }

    @Test
    void closeLeavesNoNamespaceOrLinkOfTheClusterBehind() {
        NodeNetworks nets = networks();
        NodeNetwork a = nets.create("node-a");
        nets.create("node-b");
        assertThat(ourNamespaces()).hasSize(2);
        assertThat(ourLinks()).containsExactlyInAnyOrder("en" + tag, "en" + tag + "h1", "en" + tag + "h2");

        a.close();
        assertThat(ourNamespaces()).containsExactly("en-" + tag + "-2");

        nets.close();
        assertThat(ourNamespaces()).isEmpty();
        assertThat(ourLinks()).isEmpty();
    }

    @Test
    void aClusterThatCrashedIsMadeAgainWithTheSameNamesAndIPsAndItsLeftoversGone() {
        NodeNetworks crashed = networks();
        NodeNetwork a1 = crashed.create("node-a");
        NodeNetwork b1 = crashed.create("node-b");
        // a half-built third node, as a kill -9 in the middle of create leaves it
        ip("netns", "add", "en-" + tag + "-3");
        ip("link", "add", "en" + tag + "h3", "type", "veth", "peer", "name", "en" + tag + "p3");

        NodeNetworks resumed = networks();
        NodeNetwork a2 = resumed.create("node-a");
        NodeNetwork b2 = resumed.create("node-b");

        assertThat(List.of(a2.name(), a2.nodeIP(), b2.name(), b2.nodeIP()))
                .containsExactly(a1.name(), a1.nodeIP(), b1.name(), b1.nodeIP());
        assertThat(ourNamespaces()).containsExactlyInAnyOrder(a2.name(), b2.name());
        assertThat(ourLinks()).containsExactlyInAnyOrder("en" + tag, "en" + tag + "h1", "en" + tag + "h2");
        serve(b2, "node-b");
        awaitBody(b2.nodeIP(), "node-b");

        resumed.close();
        assertThat(ourNamespaces()).isEmpty();
        assertThat(ourLinks()).isEmpty();
    }

    private NodeNetworks networks() {
        NodeNetworks n = new NodeNetworks(clusterId);
        made.add(n);
        return n;
    }

    private void serve(NodeNetwork node, String body) {
        List<String> cmd = new ArrayList<>(node.launchPrefix());
        cmd.addAll(List.of(python, "-c", SERVER, body, Integer.toString(PORT)));
        try {
            processes.add(new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitBody(String ipAddress, String body) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + ipAddress + ":" + PORT + "/"))
                .timeout(Duration.ofSeconds(5))
                .build();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(http.send(req, HttpResponse.BodyHandlers.ofString())
                                .body())
                        .isEqualTo(body));
    }

    /** Runs a command in the node's namespace and answers its output; fails on a non-zero exit. */
    private String runIn(NodeNetwork node, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(node.launchPrefix());
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        Process p = pb.start();
        String out = readAll(p);
        assertThat(p.exitValue()).as("%s: %s", cmd, out).isZero();
        return out;
    }

    private static String readAll(Process p) throws IOException, InterruptedException {
        p.getOutputStream().close();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private String ip(String... args) {
        IpCommand.Result r = SystemIp.find().run(List.of(args));
        assertThat(r.ok()).as("ip %s: %s", String.join(" ", args), r.output()).isTrue();
        return r.output();
    }

    private List<String> ourNamespaces() {
        NetnsPlan plan = NetnsPlan.of(clusterId);
        return ip("netns", "list")
                .lines()
                .map(l -> l.trim().split("\\s+")[0])
                .filter(plan::ownsNamespace)
                .toList();
    }

    private List<String> ourLinks() {
        NetnsPlan plan = NetnsPlan.of(clusterId);
        return ip("-o", "link", "show")
                .lines()
                .map(l -> l.trim().split("\\s+")[1].replaceFirst(":$", "").replaceFirst("@.*$", ""))
                .filter(plan::ownsLink)
                .toList();
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
