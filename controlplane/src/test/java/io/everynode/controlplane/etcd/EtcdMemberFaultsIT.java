package io.everynode.controlplane.etcd;

import static io.everynode.controlplane.etcd.WriteBurst.CONFIG_MAPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.controlplane.ControlPlane;
import io.everynode.store.EtcdConfig;
import io.everynode.store.StoreConfig;
import io.everynode.testkit.Kubectl;
import io.everynode.testkit.etcd.EtcdCluster;
import io.everynode.testkit.etcd.EtcdMember;
import io.everynode.testkit.history.History;
import io.everynode.testkit.history.HistoryChecker;
import io.everynode.testkit.history.Operation;
import io.everynode.testkit.history.Outcome;
import io.everynode.testkit.history.RecordingClient;
import io.everynode.testkit.history.RecordingWatcher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * etcd members killed ({@code kill -9}) under the API server during a write burst, all through the
 * HTTP API and the history checker (docs/ha.md "etcd as the store"): one writer per namespace,
 * one recording watcher per namespace. With the leading member of three killed, writes go on;
 * with two of three killed, writes answer a 504 Timeout Status naming etcd, {@code /readyz}
 * reports {@code [-]etcd failed} while {@code /livez} stays ok, and once the members return
 * writes succeed and the watches resume. Either way no acknowledged write is lost or changed and
 * every watch is in order with no gap. One etcd cluster and one server serve both tests.
 */
class EtcdMemberFaultsIT {
    /** The server's etcd request timeout: short, so a write without quorum answers soon. */
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(3);

    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    private static EtcdCluster etcd;
    private static ControlPlane cp;
    private static Kubectl kubectl;
    private static URI server;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final History history = new History();
    private final List<RecordingWatcher> watchers = new ArrayList<>();
    private WriteBurst burst;

    @BeforeAll
    static void startEtcdAndServer() throws Exception {
        EtcdCluster.assumeAvailable();
        etcd = EtcdCluster.start(dir.resolve("etcd"), 3);
        cp = ControlPlane.builder()
                .store(StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls()).withRequestTimeout(STORE_TIMEOUT)))
                // a loaded machine may answer the first read after the timeout: start waits, as the server's does
                .storeStartTimeout(Duration.ofSeconds(60))
                .controllers(null)
                .build()
                .start();
        server = URI.create(cp.url());
        kubectl = Kubectl.forServer(cp.url(), Files.createDirectories(dir.resolve("kubectl")));
    }

    @AfterAll
    static void stopEtcdAndServer() {
        if (cp != null) cp.close();
        if (etcd != null) etcd.close();
    }

    @AfterEach
    void stopRecordingAndBringMembersBack() throws Exception {
        if (burst != null) burst.stop();
        for (RecordingWatcher w : watchers) w.close();
        for (int i = 0; i < etcd.size(); i++) {
            if (!etcd.member(i).running()) etcd.member(i).restart();
        }
        etcd.awaitHealthy();
    }

    @Test
    void killingTheLeadingMemberMidBurstLosesNoAcknowledgedWriteAndWritesGoOn() throws Exception {
        List<String> namespaces = namespaces("leader-kill", 3);
        burst = new WriteBurst(history, http, server, namespaces, CLIENT_TIMEOUT);
        awaitAcknowledged(90);

        EtcdMember leader = await("an etcd leader")
                .atMost(Duration.ofSeconds(30))
                .until(etcd::leader, java.util.Optional::isPresent)
                .orElseThrow();
        leader.kill();
        WriteBurst.Tally atKill = burst.tally();
        awaitAcknowledged(atKill.acknowledged() + 150);
        burst.stop();

        WriteBurst.Tally afterKill = burst.tally().since(atKill);
        System.out.println("after the kill of " + leader.name() + ": " + afterKill);
        assertThat(afterKill.acknowledged())
                .as("most writes after the leader's kill are acknowledged")
                .isGreaterThan(afterKill.notAcknowledged() * 4);
        checkHistory(namespaces);
    }

    @Test
    void withTwoOfThreeMembersKilledWritesFailWithAStatusAndResumeWhenTheyReturn() throws Exception {
        List<String> namespaces = namespaces("quorum-loss", 2);
        // Where the refused writes below go: no watcher or checked list sees it, as a write that
        // timed out may still commit once the quorum is back.
        kubectl.ok("create", "namespace", "quorum-loss-probe");
        burst = new WriteBurst(history, http, server, namespaces, CLIENT_TIMEOUT);
        awaitAcknowledged(60);

        EtcdMember leader = await("an etcd leader")
                .atMost(Duration.ofSeconds(30))
                .until(etcd::leader, java.util.Optional::isPresent)
                .orElseThrow();
        List<EtcdMember> killed = new ArrayList<>(List.of(leader));
        for (int i = 0; killed.size() < 2; i++) {
            if (etcd.member(i) != leader) killed.add(etcd.member(i));
        }
        java.util.Map<String, Integer> endsBefore = watchEnds();
        for (EtcdMember m : killed) m.kill();
        WriteBurst.Tally atKill = burst.tally();
        // etcd ends the cache's watch ("no leader", asked for by require-leader) a few election
        // timeouts after the quorum is gone, and the server ends its clients' watches: none stays
        // open and silent for the outage (docs/ha.md "When etcd loses a member, or its quorum").
        await("every client watch ended")
                .atMost(Duration.ofSeconds(60))
                .until(() -> watchEnds().entrySet().stream()
                        .allMatch(e -> e.getValue() > endsBefore.getOrDefault(e.getKey(), 0)));
        await("writes fail")
                .atMost(Duration.ofSeconds(60))
                .until(() -> burst.tally().since(atKill).notAcknowledged() >= 4);

        HttpResponse<String> refused = post("quorum-loss-probe", WriteBurst.configMap("refused", "x"));
        assertThat(refused.statusCode()).isEqualTo(504);
        JsonNode status = JSON.readTree(refused.body());
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("reason").asString()).isEqualTo("Timeout");
        assertThat(status.path("code").asInt()).isEqualTo(504);
        assertThat(status.path("message").asString())
                .contains("etcd")
                .doesNotContain("Exception")
                .doesNotContain("io.etcd");
        Kubectl.Result byKubectl =
                kubectl.run("create", "configmap", "refused-too", "-n", "quorum-loss-probe", "--from-literal=a=1");
        System.out.println("kubectl without quorum: " + byKubectl.err());
        assertThat(byKubectl.exitCode()).isNotZero();
        assertThat(byKubectl.err())
                .contains("Timeout: request did not complete within requested timeout")
                .contains("etcd")
                .doesNotContain("Exception");
        await("/readyz fails on etcd").atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> ready = get("/readyz");
            return ready.statusCode() == 500 && ready.body().contains("[-]etcd failed: reason withheld");
        });
        Kubectl.Result readyz = kubectl.run("get", "--raw", "/readyz");
        System.out.println("kubectl get --raw /readyz without quorum: " + readyz.err());
        assertThat(readyz.exitCode()).isNotZero();
        assertThat(readyz.err()).contains("[-]etcd failed: reason withheld");
        HttpResponse<String> live = get("/livez");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("ok");

        for (EtcdMember m : killed) m.restart();
        etcd.awaitHealthy();
        WriteBurst.Tally atReturn = burst.tally();
        awaitAcknowledged(atReturn.acknowledged() + 60);
        await("/readyz ok")
                .atMost(Duration.ofSeconds(30))
                .until(() -> get("/readyz").statusCode() == 200);
        burst.stop();
        checkHistory(namespaces);
    }

    /** Per watcher, how many times its watch ended (the stream closed, or broke). */
    private java.util.Map<String, Integer> watchEnds() {
        java.util.Map<String, Integer> ends = new java.util.HashMap<>();
        for (RecordingWatcher w : watchers) ends.put(w.name(), 0);
        history.watches()
                .forEach((name, records) -> ends.computeIfPresent(name, (n, c) -> (int) records.stream()
                        .filter(r -> r instanceof io.everynode.testkit.history.WatchRecord.Broken)
                        .count()));
        return ends;
    }

    /** Creates the namespaces and starts one recording watcher on each, once it has listed. */
    private List<String> namespaces(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = prefix + "-" + i;
            kubectl.ok("create", "namespace", name);
            RecordingWatcher watcher = new RecordingWatcher(
                            "watcher-" + name, http, () -> server, CONFIG_MAPS, name, history, Duration.ofMillis(200))
                    .start();
            watchers.add(watcher);
            names.add(name);
        }
        await("watchers listed")
                .atMost(Duration.ofSeconds(30))
                .until(() -> watchers.stream().allMatch(w -> w.delivered() > 0));
        return names;
    }

    private RecordingWatcher watcherOf(String namespace) {
        return watchers.stream()
                .filter(w -> w.name().equals("watcher-" + namespace))
                .findFirst()
                .orElseThrow();
    }

    private void awaitAcknowledged(int count) {
        await("writes acknowledged")
                .atMost(Duration.ofSeconds(120))
                .until(() -> burst.tally().acknowledged() >= count);
    }

    /**
     * A last write per namespace, each namespace's watch followed up to its own, then the checker.
     * Each watcher waits for the sentinel of the namespace it watches (the writers have stopped, so
     * that is its last event): a later revision of another namespace would reach it only with a
     * bookmark, which the server sends about once a minute.
     */
    private void checkHistory(List<String> namespaces) throws Exception {
        RecordingClient reader = new RecordingClient("reader", http, () -> server, history, CLIENT_TIMEOUT);
        java.util.Map<RecordingWatcher, Long> sentinels = new java.util.HashMap<>();
        for (String namespace : namespaces) {
            reader.list(CONFIG_MAPS, namespace);
            Operation sentinel = reader.create(
                    CONFIG_MAPS, namespace, "{\"metadata\":{\"name\":\"sentinel\"},\"data\":{\"v\":\"last\"}}");
            sentinels.put(watcherOf(namespace), ((Outcome.Acknowledged) sentinel.outcome()).revision());
        }
        await("watches caught up")
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        sentinels.entrySet().stream().allMatch(e -> e.getKey().delivered() >= e.getValue()));
        for (RecordingWatcher w : watchers) w.close();
        System.out.println("history: " + history.summary());
        assertThat(history.operations())
                .as("a write etcd could not take is a 504 Timeout, never a 500")
                .noneMatch(op ->
                        op.outcome() instanceof Outcome.Unknown u && u.reason().startsWith("500"));
        assertThat(HistoryChecker.clientsOwnTheirKeys().check(history)).isEmpty();
    }

    private HttpResponse<String> post(String namespace, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.resolve("/api/v1/namespaces/" + namespace + "/configmaps"))
                        .timeout(CLIENT_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(server.resolve(path))
                        .timeout(CLIENT_TIMEOUT)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
