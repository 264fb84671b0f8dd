package io.everynode.apiserver.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A server on a SQLite directory, closed and reopened on the same directory: every object comes
 * back identical (uid, resourceVersion, content), and a watch from the last resourceVersion seen
 * before the restart resumes with the next change and no gap.
 */
class SqliteRestartIT {
    static final String[] PATHS = {
        "/api/v1/namespaces/logging",
        "/api/v1/nodes/n1",
        "/apis/apps/v1/namespaces/logging/daemonsets/fluent-bit",
        "/api/v1/namespaces/logging/pods/fluent-bit-aaaaa",
        "/apis/apps/v1/namespaces/logging/controllerrevisions/fluent-bit-abc",
        "/apis/scheduling.k8s.io/v1/priorityclasses/daemonset-critical",
    };

    @Test
    void everyObjectSurvivesARestartUnchanged(@TempDir Path dir) throws Exception {
        List<ObjectNode> before = new ArrayList<>();
        String listRv;
        try (TestServer server = TestServer.sqlite(dir)) {
            RawApi api = new RawApi(server.url());
            populate(new World(api));
            for (String p : PATHS) before.add(api.object(p));
            listRv = api.object("/api/v1/pods").at("/metadata/resourceVersion").asString();
        }
        try (TestServer server = TestServer.sqlite(dir)) {
            RawApi api = new RawApi(server.url());
            for (int i = 0; i < PATHS.length; i++) {
                ObjectNode after = api.object(PATHS[i]);
                assertThat(after).as(PATHS[i]).isEqualTo(before.get(i));
                assertThat(after.at("/metadata/uid").asString()).isNotEmpty();
            }
            assertThat(Long.parseLong(api.object("/api/v1/pods")
                            .at("/metadata/resourceVersion")
                            .asString()))
                    .isGreaterThanOrEqualTo(Long.parseLong(listRv));
            // the counter goes on from where it was: a new write gets a higher resourceVersion
            ObjectNode n2 = new World(api).node("n2");
            long maxBefore = before.stream()
                    .mapToLong(o ->
                            Long.parseLong(o.at("/metadata/resourceVersion").asString()))
                    .max()
                    .orElseThrow();
            assertThat(Long.parseLong(n2.at("/metadata/resourceVersion").asString()))
                    .isGreaterThan(maxBefore);
        }
    }

    @Test
    void aWatchFromTheLastResourceVersionResumesAfterARestartWithNoGap(@TempDir Path dir) throws Exception {
        String lastRv;
        try (TestServer server = TestServer.sqlite(dir)) {
            RawApi api = new RawApi(server.url());
            World w = new World(api);
            populate(w);
            w.barePod("logging", "p1", null, "{}");
            lastRv = api.object("/api/v1/namespaces/logging/pods")
                    .at("/metadata/resourceVersion")
                    .asString();
        }
        try (TestServer server = TestServer.sqlite(dir)) {
            RawApi api = new RawApi(server.url());
            World w = new World(api);
            // a change after the restart, before the watch is opened: it must be replayed
            w.barePod("logging", "p2", null, "{}");
            BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
            HttpClient http = HttpClient.newHttpClient();
            var pending = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(server.url()
                                    + "/api/v1/namespaces/logging/pods?watch=true&resourceVersion=" + lastRv))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<java.io.InputStream> resp = pending.get(30, TimeUnit.SECONDS);
            assertThat(resp.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> {
                try (BufferedReader r =
                        new BufferedReader(new InputStreamReader(resp.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (!line.isBlank()) events.add(RawApi.parse(line));
                    }
                } catch (Exception e) {
                    // closed at the end of the test
                }
            });
            reader.setDaemon(true);
            reader.start();
            try {
                // and one after the watch is open
                api.patch(
                                "/api/v1/namespaces/logging/pods/p1",
                                "application/merge-patch+json",
                                "{\"metadata\":{\"labels\":{\"v\":\"2\"}}}")
                        .assertCode(200);
                JsonNode first = events.poll(30, TimeUnit.SECONDS);
                JsonNode second = events.poll(30, TimeUnit.SECONDS);
                assertThat(first).as("the change made after the restart").isNotNull();
                assertThat(first.at("/type").asString()).isEqualTo("ADDED");
                assertThat(first.at("/object/metadata/name").asString()).isEqualTo("p2");
                assertThat(second).as("the change made while watching").isNotNull();
                assertThat(second.at("/type").asString()).isEqualTo("MODIFIED");
                assertThat(second.at("/object/metadata/name").asString()).isEqualTo("p1");
                assertThat(second.at("/object/metadata/labels/v").asString()).isEqualTo("2");
                assertThat(Long.parseLong(
                                first.at("/object/metadata/resourceVersion").asString()))
                        .isGreaterThan(Long.parseLong(lastRv));
            } finally {
                resp.body().close();
            }
        }
    }

    private static void populate(World w) {
        w.namespace("logging");
        w.node("n1");
        ObjectNode ds = w.daemonSet("logging", "fluent-bit");
        w.daemonPod(ds, "fluent-bit-aaaaa", "n1");
        w.revision(ds, "fluent-bit-abc", 1);
        w.api()
                .create(
                        "/apis/scheduling.k8s.io/v1/priorityclasses",
                        "{\"apiVersion\":\"scheduling.k8s.io/v1\",\"kind\":\"PriorityClass\",\"metadata\":{\"name\":\"daemonset-critical\"},\"value\":1000000}");
    }
}
