package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.testing.RawApi;
import io.everynode.apiserver.testing.RawApi.Reply;
import io.everynode.apiserver.testing.TestServer;
import io.everynode.apiserver.testing.World;
import io.everynode.apiserver.watch.PooledDispatch;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists as upstream serves them (the API concepts' "Resource versions" and "Retrieving large
 * results sets in chunks"): which state each resourceVersion / resourceVersionMatch reads, pages
 * that add up to one snapshot, and the answers to options upstream refuses. Each test works in a
 * namespace of its own on one shared server.
 */
class ListSemanticsIT {
    static final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    static TestServer server;
    static RawApi api;
    static World world;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.memory(ApiServerConfig.defaults(), clock, PooledDispatch.forMachine());
        api = new RawApi(server.url());
        world = new World(api);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String pods(String ns) {
        return "/api/v1/namespaces/" + ns + "/pods";
    }

    static void seed(String ns, String... names) {
        world.namespace(ns);
        for (String name : names) world.barePod(ns, name, null, "{\"app\":\"" + ns + "\"}");
    }

    static List<String> names(ObjectNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : list.path("items"))
            out.add(item.path("metadata").path("name").asString());
        return out;
    }

    static ObjectNode ok(String path) {
        return api.get(path).assertCode(200).json();
    }

    static String rv(ObjectNode list) {
        return list.at("/metadata/resourceVersion").asString();
    }

    /** Makes every revision up to now unreadable: 1000 writes beside the API, five minutes, compaction. */
    static void compactEverythingSoFar() {
        for (int i = 0; i < 1001; i++) server.store().create("/filler/" + System.nanoTime() + "-" + i, new byte[] {1});
        clock.advance(Duration.ofMinutes(10));
        server.store().compact();
    }

    @Test
    void pagesOfALimitedListAddUpToOneSnapshotWithARemainingItemCount() {
        seed("paged", "a", "b", "c", "d", "e");
        ObjectNode first = ok(pods("paged") + "?limit=2");
        assertThat(names(first)).containsExactly("a", "b");
        assertThat(first.at("/metadata/remainingItemCount").asLong()).isEqualTo(3);
        String token = first.at("/metadata/continue").asString();
        assertThat(token).isNotEmpty();

        // Changes after the first page do not show in the later ones.
        api.delete(pods("paged") + "/c", "{}").assertCode(200);
        world.barePod("paged", "bb", null, "{}");

        ObjectNode second = ok(pods("paged") + "?limit=2&continue=" + token);
        assertThat(names(second)).containsExactly("c", "d");
        assertThat(rv(second)).isEqualTo(rv(first));
        assertThat(second.at("/metadata/remainingItemCount").asLong()).isEqualTo(1);
        ObjectNode last = ok(pods("paged") + "?limit=2&continue="
                + second.at("/metadata/continue").asString());
        assertThat(names(last)).containsExactly("e");
        assertThat(last.at("/metadata").has("continue")).isFalse();
        assertThat(last.at("/metadata").has("remainingItemCount")).isFalse();
    }

    @Test
    void aPagedListWithASelectorCarriesNoRemainingItemCount() {
        seed("selected", "a", "b", "c");
        ObjectNode first = ok(pods("selected") + "?limit=1&labelSelector=app%3Dselected");
        assertThat(names(first)).containsExactly("a");
        assertThat(first.at("/metadata/continue").asString()).isNotEmpty();
        assertThat(first.at("/metadata").has("remainingItemCount")).isFalse();
    }

    @Test
    void anExactListReadsThePastAndNotOlderThanReadsTheLatest() {
        seed("exact", "a");
        String then = rv(ok(pods("exact")));
        world.barePod("exact", "b", null, "{}");

        assertThat(names(ok(pods("exact") + "?resourceVersion=" + then + "&resourceVersionMatch=Exact")))
                .containsExactly("a");
        ObjectNode exact = ok(pods("exact") + "?resourceVersion=" + then + "&resourceVersionMatch=Exact");
        assertThat(rv(exact)).isEqualTo(then);
        assertThat(names(ok(pods("exact") + "?resourceVersion=" + then + "&resourceVersionMatch=NotOlderThan")))
                .containsExactly("a", "b");
        assertThat(names(ok(pods("exact") + "?resourceVersion=0"))).containsExactly("a", "b");
    }

    @Test
    void anExactListPastCompactionIsGoneAndAContinueTokenPastCompactionOffersAFreshOne() {
        seed("compacted", "a", "b", "c");
        String then = rv(ok(pods("compacted")));
        String token =
                ok(pods("compacted") + "?limit=1").at("/metadata/continue").asString();
        compactEverythingSoFar();

        Reply exact = api.get(pods("compacted") + "?resourceVersion=" + then + "&resourceVersionMatch=Exact");
        assertThat(exact.code()).isEqualTo(410);
        assertThat(exact.json().at("/reason").asString()).isEqualTo("Expired");
        assertThat(exact.json().at("/message").asString()).isEqualTo(ListReads.TOO_OLD);

        Reply paged = api.get(pods("compacted") + "?limit=1&continue=" + token);
        assertThat(paged.code()).isEqualTo(410);
        assertThat(paged.json().at("/reason").asString()).isEqualTo("Expired");
        assertThat(paged.json().at("/message").asString())
                .startsWith("The provided continue parameter is too old to display a consistent list result.");
        String fresh = paged.json().at("/metadata/continue").asString();
        ObjectNode rest = ok(pods("compacted") + "?continue=" + fresh);
        assertThat(names(rest)).containsExactly("b", "c");
    }

    static Stream<Arguments> refusedLists() {
        String match = "resourceVersionMatch";
        return Stream.of(
                Arguments.of(
                        "?resourceVersionMatch=Exact",
                        422,
                        match,
                        "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided"),
                Arguments.of(
                        "?resourceVersion=0&resourceVersionMatch=Exact",
                        422,
                        match,
                        "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""),
                Arguments.of(
                        "?resourceVersion=1&resourceVersionMatch=Newest",
                        422,
                        match,
                        "Unsupported value: \"Newest\": supported values: \"Exact\", \"NotOlderThan\""),
                Arguments.of(
                        "?sendInitialEvents=true",
                        422,
                        "sendInitialEvents",
                        "Forbidden: sendInitialEvents is forbidden for list"),
                Arguments.of(
                        "?watch=true&resourceVersionMatch=NotOlderThan",
                        422,
                        match,
                        "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"),
                Arguments.of(
                        "?limit=1&resourceVersion=5&continue=" + new ContinueToken(5, "x\u0000").encode(),
                        400,
                        null,
                        "specifying resource version is not allowed when using continue"),
                Arguments.of(
                        "?continue=not%2Bbase64",
                        400,
                        null,
                        "invalid continue token: continue key is not valid: illegal base64 data at input byte 3"),
                Arguments.of(
                        "?continue=" + new ContinueToken(5, "../secrets/x").encode(),
                        400,
                        null,
                        "invalid continue token: continue key is not valid: ../secrets/x"));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @MethodSource("refusedLists")
    void aListWithOptionsUpstreamRefusesIsAnsweredAsUpstreamAnswersIt(
            String query, int code, String field, String message) {
        Reply reply = api.get("/api/v1/namespaces/default/pods" + query);
        assertThat(reply.code()).as(reply.body()).isEqualTo(code);
        ObjectNode status = reply.json();
        assertThat(status.at("/kind").asString()).isEqualTo("Status");
        if (field == null) {
            assertThat(status.at("/message").asString()).isEqualTo(message);
        } else {
            assertThat(status.at("/details/causes/0/field").asString()).isEqualTo(field);
            assertThat(status.at("/details/causes/0/message").asString()).isEqualTo(message);
            assertThat(status.at("/message").asString()).startsWith("ListOptions.meta.k8s.io \"\" is invalid: ");
        }
    }

    @Test
    void aWatchListStartsWithTheObjectsThenTheInitialEventsEndBookmark() {
        seed("watchlist", "a", "b");
        // The server's clock is manual, so the watch never times out: read its first three events.
        List<JsonNode> events;
        try (Stream<String> lines = api.stream(pods("watchlist") + "?watch=true&sendInitialEvents=true"
                        + "&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
                .body()) {
            events = lines.limit(3).map(RawApi::parse).toList();
        }
        assertThat(events).extracting(e -> e.path("type").asString()).containsExactly("ADDED", "ADDED", "BOOKMARK");
        JsonNode bookmark = events.get(2).path("object");
        assertThat(bookmark.at("/metadata/annotations/k8s.io~1initial-events-end")
                        .asString())
                .isEqualTo("true");
        assertThat(Long.parseLong(bookmark.at("/metadata/resourceVersion").asString()))
                .isGreaterThanOrEqualTo(Long.parseLong(
                        events.get(1).at("/object/metadata/resourceVersion").asString()));
    }
}
