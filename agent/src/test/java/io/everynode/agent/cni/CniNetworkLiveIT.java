package io.everynode.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.PodNetwork.Attachment;
import io.everynode.agent.container.PodNetwork.PortMapping;
import io.everynode.agent.netns.Availability;
import java.io.IOException;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real plugins on this machine: pod namespaces, the node's bridge, host-local leases and
 * portmap's iptables rules. Skipped (with the reason) without root, iproute2, the plugins or
 * busybox (its httpd and wget are the pods' servers and clients). Every network lives in the
 * test's own data directories and claims directory, and is removed afterwards; traffic goes only
 * to the test's own pods and the machine's own address.
 */
class CniNetworkLiveIT {
    private static final String BUSYBOX = "/bin/busybox";
    private static final String IP = "/usr/sbin/ip";

    @TempDir
    Path dir;

    private final List<CniNetwork> networks = new ArrayList<>();
    private final List<Process> servers = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeAll
    static void machineHasThePlugins() {
        Availability a = CniNetwork.check(CniSettings.DEFAULT_PLUGIN_DIRS);
        assumeTrue(a.available(), a.reason());
        assumeTrue(Files.isExecutable(Path.of(BUSYBOX)), "busybox (busybox-static) serves and fetches for the pods");
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        for (Process p : servers) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        for (CniNetwork n : networks) {
            n.removeAll();
        }
    }

    @Test
    void twoPodsOfOneNodeGetTheirOwnAddressesBothListenOn8080AndReachEachOtherAndTheNode() throws Exception {
        CniNetwork node = node("node-a");
        Attachment a = node.attach(uid(), "default", "a", List.of());
        Attachment b = node.attach(uid(), "default", "b", List.of());

        assertThat(a.ips()).hasSize(1);
        assertThat(b.ips()).hasSize(1);
        assertThat(a.ips().get(0)).isNotEqualTo(b.ips().get(0));
        assertThat(a.netns()).isNotEqualTo(b.netns());
        serve(a, "I am a");
        serve(b, "I am b");

        awaitBody(() -> fetchFrom(a, "http://" + b.ips().get(0) + ":8080/who"), "I am b");
        awaitBody(() -> fetchFrom(b, "http://" + a.ips().get(0) + ":8080/who"), "I am a");
        awaitBody(() -> get("http://" + a.ips().get(0) + ":8080/who"), "I am a");
        awaitBody(() -> get("http://" + b.ips().get(0) + ":8080/who"), "I am b");
        assertThat(inNetns(a, IP, "-4", "route", "show", "default")).contains("via " + node.gateway());
    }

    @Test
    void aHostPortReachesThePodAtTheNodesAddress() throws Exception {
        String nodeIP = machineAddress();
        assumeTrue(nodeIP != null, "the machine has no IPv4 address on its default route's device");
        CniNetwork node = node("node-a");
        int hostPort = ThreadLocalRandom.current().nextInt(30000, 32000);
        Attachment a = node.attach(uid(), "default", "web", List.of(new PortMapping(hostPort, 8080, "TCP", "")));
        serve(a, "through the host port");

        awaitBody(() -> get("http://" + nodeIP + ":" + hostPort + "/who"), "through the host port");
    }

    @Test
    void detachRunsDelSoTheAddressLeaseAndTheNamespaceAreGone() throws Exception {
        CniNetwork node = node("node-a");
        String uid = uid();
        Attachment a = node.attach(uid, "default", "a", List.of());
        Path lease = leaseFile(node, a);
        assertThat(lease).exists();
        assertThat(Files.readString(lease)).startsWith(uid);
        assertThat(a.netns()).exists();

        node.detach(uid);

        assertThat(lease).doesNotExist();
        assertThat(a.netns()).doesNotExist();
        node.detach(uid);
    }

    @Test
    void podsOfTwoNodesOnOneMachineReachEachOther() throws Exception {
        CniNetwork first = node("node-a");
        CniNetwork second = node("node-b");
        assertThat(first.podCidr()).isNotEqualTo(second.podCidr());
        assertThat(first.bridge()).isNotEqualTo(second.bridge());
        Attachment a = first.attach(uid(), "default", "a", List.of());
        Attachment b = second.attach(uid(), "default", "b", List.of());
        serve(a, "I am a");
        serve(b, "I am b");

        awaitBody(() -> fetchFrom(a, "http://" + b.ips().get(0) + ":8080/who"), "I am b");
        awaitBody(() -> fetchFrom(b, "http://" + a.ips().get(0) + ":8080/who"), "I am a");
    }

    @Test
    void anAttachAfterARestartAnswersTheSameAttachment() {
        CniNetwork before = node("node-a");
        String uid = uid();
        Attachment first = before.attach(uid, "default", "a", List.of());

        CniNetwork after = node("node-a");
        Attachment again = after.attach(uid, "default", "a", List.of());

        assertThat(after.podCidr()).isEqualTo(before.podCidr());
        assertThat(again).isEqualTo(first);
        assertThat(again.netns()).exists();
    }

    @Test
    void aSweepRemovesTheNetworksOfPodsThatAreGoneAndKeepsTheOthers() throws Exception {
        CniNetwork node = node("node-a");
        String kept = uid();
        String gone = uid();
        Attachment k = node.attach(kept, "default", "kept", List.of());
        Attachment g = node.attach(gone, "default", "gone", List.of());

        node.sweep(Set.of(kept));

        assertThat(g.netns()).doesNotExist();
        assertThat(leaseFile(node, g)).doesNotExist();
        assertThat(k.netns()).exists();
        assertThat(leaseFile(node, k)).exists();
    }

    @Test
    void aPluginsErrorIsReportedInWordsAndTheFailedAttachLeavesNoNamespace() throws Exception {
        // a /30 holds the gateway and one pod: the second pod's ADD fails in host-local
        String tiny = "10.244." + ThreadLocalRandom.current().nextInt(200, 250) + ".0/30";
        Path state = Files.createDirectories(dir.resolve("node-a"));
        CniNetwork node = CniNetwork.open(
                new CniSettings(state, tiny, CniSettings.DEFAULT_PLUGIN_DIRS, false, dir.resolve("claims")));
        networks.add(node);
        node.attach(uid(), "default", "first", List.of());
        String second = uid();

        assertThatThrownBy(() -> node.attach(second, "default", "second", List.of()))
                .isInstanceOf(CniException.class)
                .hasMessageContaining("CNI plugin bridge failed ADD for pod " + second)
                .hasMessageContaining("no IP addresses available");
        assertThat(Path.of("/var/run/netns", node.namespaceOf(second))).doesNotExist();
    }

    private CniNetwork node(String name) {
        Path state = dir.resolve(name);
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        CniSettings s = new CniSettings(state, null, CniSettings.DEFAULT_PLUGIN_DIRS, false, dir.resolve("claims"));
        CniNetwork n = CniNetwork.open(s);
        networks.add(n);
        return n;
    }

    /** host-local's lease: {@code <dataDir>/<network name>/<address>}, the network named for the node's tag. */
    private Path leaseFile(CniNetwork node, Attachment a) {
        Path ipam = dir.resolve("node-a").resolve("cni").resolve("ipam");
        return ipam.resolve("everynode-" + node.bridge().substring("cni".length()))
                .resolve(a.ips().get(0));
    }

    private static String uid() {
        return UUID.randomUUID().toString();
    }

    /** busybox httpd in the pod's namespace on :8080, serving {@code /who} with this body. */
    private void serve(Attachment pod, String body) throws IOException {
        Path root = Files.createDirectories(dir.resolve("www-" + UUID.randomUUID()));
        Files.writeString(root.resolve("who"), body);
        servers.add(new ProcessBuilder(
                        IP, "netns", "exec", name(pod), BUSYBOX, "httpd", "-f", "-p", "8080", "-h", root.toString())
                .redirectErrorStream(true)
                .redirectOutput(
                        dir.resolve("httpd-" + UUID.randomUUID() + ".log").toFile())
                .start());
    }

    private String fetchFrom(Attachment pod, String url) throws Exception {
        // busybox's own timeout applet: this build's wget -T crashes
        return inNetns(pod, BUSYBOX, "timeout", "5", BUSYBOX, "wget", "-q", "-O", "-", url);
    }

    private String inNetns(Attachment pod, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of(IP, "netns", "exec", name(pod)));
        c.addAll(List.of(command));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    private String get(String url) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    private static String name(Attachment pod) {
        return pod.netns().getFileName().toString();
    }

    /** The machine's IPv4 source address toward the outside (a route lookup; nothing is sent), or null. */
    private String machineAddress() throws Exception {
        Process p = new ProcessBuilder(IP, "-4", "-o", "route", "get", "1.1.1.1").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        String[] t = out.trim().split("\\s+");
        for (int i = 0; i + 1 < t.length; i++) {
            if (t[i].equals("src")) {
                return t[i + 1];
            }
        }
        return null;
    }

    private interface Fetch {
        String get() throws Exception;
    }

    private static void awaitBody(Fetch fetch, String body) {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> fetch.get().contains(body));
    }
}
