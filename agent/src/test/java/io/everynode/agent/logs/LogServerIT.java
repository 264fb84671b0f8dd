package io.everynode.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeCapabilities;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.everynode.agent.SourcedEnv;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogServerIT {
    @TempDir
    Path dir;

    private final FakeRuntime runtime = new FakeRuntime();
    private LogServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = LogServer.start(
                "127.0.0.1",
                0,
                (ns, name) -> "default".equals(ns) && "web".equals(name)
                        ? Optional.of(new LogSource.PodOnNode("n1", "uid-1", runtime))
                        : Optional.empty(),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Path log(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void theWholeLogIsServedAsPlainText() throws Exception {
        runtime.current = log("current.log", "one\ntwo\nthree\n");
        var r = get("/containerLogs/default/web/main");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("one\ntwo\nthree\n");
        assertThat(r.headers().firstValue("content-type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    }

    @Test
    void tailLinesServesTheLastLines() throws Exception {
        runtime.current = log("current.log", "one\ntwo\nthree\n");
        assertThat(get("/containerLogs/default/web/main?tailLines=2").body()).isEqualTo("two\nthree\n");
        assertThat(get("/containerLogs/default/web/main?tailLines=0").body()).isEmpty();
        assertThat(get("/containerLogs/default/web/main?tailLines=10").body()).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void limitBytesCutsTheAnswer() throws Exception {
        runtime.current = log("current.log", "one\ntwo\nthree\n");
        assertThat(get("/containerLogs/default/web/main?limitBytes=5").body()).isEqualTo("one\nt");
    }

    @Test
    void timestampsPrefixEachLine() throws Exception {
        runtime.current = log("current.log", "one\ntwo\n");
        String body = get("/containerLogs/default/web/main?timestamps=true").body();
        assertThat(body.lines()).hasSize(2).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z (one|two)"));
    }

    /** A CRI log: entries "second stream tag content", the time being that many seconds after 10:00. */
    private Path cri(String... entries) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : entries) {
            String[] f = e.split(" ", 2);
            sb.append(Instant.parse("2026-12-04T10:00:00.25Z").plusSeconds(Long.parseLong(f[0])))
                    .append(' ')
                    .append(f[1])
                    .append('\n');
        }
        return log("current.log", sb.toString());
    }

    @Test
    void timestampsShowTheTimeEachLineWasWrittenAndSinceSelectsByIt() throws Exception {
        runtime.current = cri("0 stdout F one", "5 stderr F two", "9 stdout F three");
        assertThat(get("/containerLogs/default/web/main?timestamps=true").body())
                .isEqualTo("2026-12-04T10:00:00.250000000Z one\n"
                        + "2026-12-04T10:00:05.250000000Z two\n"
                        + "2026-12-04T10:00:09.250000000Z three\n");
        assertThat(get("/containerLogs/default/web/main?sinceTime=2026-12-04T10:00:05.250Z")
                        .body())
                .isEqualTo("two\nthree\n");
    }

    @Test
    void aLineInPiecesIsServedAsOneLineAndCountsOnceForTail() throws Exception {
        runtime.current = cri("0 stdout F first", "1 stdout P sec", "2 stdout P on", "3 stdout F d", "4 stdout F last");
        assertThat(get("/containerLogs/default/web/main").body()).isEqualTo("first\nsecond\nlast\n");
        assertThat(get("/containerLogs/default/web/main?tailLines=2").body()).isEqualTo("second\nlast\n");
        assertThat(get("/containerLogs/default/web/main?tailLines=2&timestamps=true")
                        .body())
                .isEqualTo("2026-12-04T10:00:01.250000000Z second\n2026-12-04T10:00:04.250000000Z last\n");
        assertThat(get("/containerLogs/default/web/main?limitBytes=10").body()).isEqualTo("first\nseco");
    }

    @Test
    void aLineLeftOpenIsServedWithoutANewline() throws Exception {
        runtime.current = cri("0 stdout F ready", "1 stdout P name? ");
        assertThat(get("/containerLogs/default/web/main").body()).isEqualTo("ready\nname? ");
    }

    @Test
    void previousServesThePreviousInstancesLog() throws Exception {
        runtime.current = log("current.log", "new\n");
        runtime.previous = log("previous.log", "old\n");
        runtime.last = new RuntimeContainer.Terminated("fake://0", Instant.EPOCH, Instant.EPOCH, 1, "Error");
        assertThat(get("/containerLogs/default/web/main?previous=true").body()).isEqualTo("old\n");
    }

    @Test
    void previousWithoutAPreviousInstanceIsABadRequest() throws Exception {
        runtime.current = log("current.log", "new\n");
        var r = get("/containerLogs/default/web/main?previous=true");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("previous terminated container \"main\" in pod \"web\" not found\n");
    }

    @Test
    void aContainerThatHasNotRunIsWaitingToStart() throws Exception {
        runtime.state = RuntimeContainer.State.WAITING;
        runtime.reason = "ErrImagePull";
        var r = get("/containerLogs/default/web/main");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body())
                .isEqualTo("container \"main\" in pod \"web\" is waiting to start: image can't be pulled\n");
    }

    @Test
    void anUnknownPodIsNotFound() throws Exception {
        var r = get("/containerLogs/default/other/main");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("pod \"other\" in namespace \"default\" is not running on this node");
    }

    @Test
    void aRuntimeWithoutALogAnswersNotFound() throws Exception {
        var r = get("/containerLogs/default/web/main");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("node \"n1\" keeps no logs for container \"main\" in pod \"web\"");
    }

    @Test
    void aBadQueryIsABadRequest() throws Exception {
        runtime.current = log("current.log", "x\n");
        assertThat(get("/containerLogs/default/web/main?tailLines=-2").statusCode())
                .isEqualTo(400);
        assertThat(get("/containerLogs/default/web/main?sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z")
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void pathSegmentsArePercentDecoded() throws Exception {
        runtime.current = log("current.log", "one\n");
        assertThat(get("/containerLogs/d%65fault/w%65b/main").body()).isEqualTo("one\n");
    }

    @Test
    void onlyGetIsServed() throws Exception {
        runtime.current = log("current.log", "one\n");
        var r = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + "/containerLogs/default/web/main"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
    }

    @Test
    void theServerKeepsNoJvmAlive() {
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(t -> t.getName().startsWith("agent-endpoint"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);
    }

    @Test
    void closingTheServerEndsTheThreadsOfFollowedLogs() throws Exception {
        runtime.current = log("current.log", "first\n");
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.port() + "/containerLogs/default/web/main?follow=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body().readNBytes(6), StandardCharsets.UTF_8)).isEqualTo("first\n");
        assertThat(logThreads()).isPositive();
        server.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> logThreads() == 0);
        r.body().close();
    }

    private static long logThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("agent-endpoint"))
                .count();
    }

    @Test
    void followSeesAppendedLinesAndEndsWhenTheInstanceEnds() throws Exception {
        runtime.current = log("current.log", "first\n");
        HttpResponse<InputStream> r = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://127.0.0.1:" + server.port() + "/containerLogs/default/web/main?follow=true"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        InputStream in = r.body();
        StringBuilder seen = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                byte[] b = new byte[256];
                for (int n; (n = in.read(b)) > 0; ) {
                    synchronized (seen) {
                        seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    }
                }
                synchronized (seen) {
                    seen.append("<end>");
                }
            } catch (Exception e) {
                // ended
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> text(seen).equals("first\n"));
        Files.writeString(runtime.current, "second\n", StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(30)).until(() -> text(seen).equals("first\nsecond\n"));
        runtime.state = RuntimeContainer.State.TERMINATED;
        await().atMost(Duration.ofSeconds(30)).until(() -> text(seen).equals("first\nsecond\n<end>"));
    }

    private static String text(StringBuilder sb) {
        synchronized (sb) {
            return sb.toString();
        }
    }

    /** A runtime holding one pod (uid-1) with one container "main" whose logs are temp files. */
    static final class FakeRuntime implements ContainerRuntime {
        volatile Path current;
        volatile Path previous;
        volatile RuntimeContainer.State state = RuntimeContainer.State.RUNNING;
        volatile String reason;
        volatile RuntimeContainer.Terminated last;

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public RuntimeCapabilities capabilities() {
            return RuntimeCapabilities.REAL;
        }

        @Override
        public void setListener(Consumer<String> podKeyChanged) {}

        @Override
        public Optional<RuntimePod> pod(String uid) {
            if (!uid.equals("uid-1")) return Optional.empty();
            RuntimeContainer c = new RuntimeContainer(
                    "main", "fake://1", "busybox", "", state, true, Instant.EPOCH, null, null, reason, last);
            return Optional.of(new RuntimePod(uid, "default/web", "10.0.0.2", Map.of("main", c), 0, false));
        }

        @Override
        public void startContainer(Pod pod, Container container, SourcedEnv env) {}

        @Override
        public void stopPod(String uid, Duration grace) {}

        @Override
        public void stopContainer(String uid, String container, Duration grace) {}

        @Override
        public ExecResult exec(String uid, String container, List<String> command, Duration timeout) {
            return new ExecResult(1, "", false);
        }

        @Override
        public Optional<Path> logFile(String uid, String container, boolean prev) {
            return Optional.ofNullable(prev ? previous : current);
        }

        @Override
        public void removePod(String uid) {}

        @Override
        public Optional<RuntimePod> adopt(Pod pod) {
            return Optional.empty();
        }

        @Override
        public void close() {}
    }
}
