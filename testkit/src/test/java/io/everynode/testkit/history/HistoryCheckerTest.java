package io.everynode.testkit.history;

import static io.everynode.testkit.history.Operation.Verb.CREATE;
import static io.everynode.testkit.history.Operation.Verb.DELETE;
import static io.everynode.testkit.history.Operation.Verb.UPDATE;
import static io.everynode.testkit.history.WatchRecord.Type.ADDED;
import static io.everynode.testkit.history.WatchRecord.Type.DELETED;
import static io.everynode.testkit.history.WatchRecord.Type.MODIFIED;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.history.Violation.Rule;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hand-made histories of ConfigMap writes and watches: ones that break each rule, and good ones. */
class HistoryCheckerTest {

    private static Arguments bad(String name, Supplier<HistoryBuilder> history, Rule rule, String says) {
        return Arguments.of(Named.of(name, history), rule, says);
    }

    static Stream<Arguments> badHistories() {
        return Stream.of(
                bad(
                        "an acknowledged create missing from a later list",
                        () -> new HistoryBuilder().acked(CREATE, "a", "x", 5).list(10),
                        Rule.ACKNOWLEDGED_WRITES,
                        "op #1 (writer CREATE configmaps/ns/a, acknowledged at revision 5) is missing from list #2"),
                bad(
                        "an acknowledged write listed with other content",
                        () -> new HistoryBuilder().acked(CREATE, "a", "x", 5).list(10, "a", 5, "y"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "changed: list #2 (reader configmaps/ns/ at revision 10) shows"),
                bad(
                        "an acknowledged update lost: the list shows the revision before it",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 5)
                                .acked(UPDATE, "a", "y", 7)
                                .list(10, "a", 5, "x"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "shows configmaps/ns/a at revision 5, expected the acknowledged revision 7"),
                bad(
                        "an acknowledged delete undone",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 5)
                                .acked(DELETE, "a", null, 8)
                                .list(10, "a", 5, "x"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "still shows configmaps/ns/a at revision 5"),
                bad(
                        "a write of unknown outcome half done",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 5)
                                .unknownSending(
                                        "a",
                                        Answers.parse(
                                                "{\"metadata\":{\"name\":\"a\"},\"data\":{\"v\":\"y\",\"w\":\"z\"}}"))
                                .list(10, "a", 9, "y"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "revision 9 of configmaps/ns/a (list #3 (reader configmaps/ns/ at revision 10) item"
                                + " configmaps/ns/a) is no client's write"),
                bad(
                        "a failed write seen anyway",
                        () -> new HistoryBuilder().failed(CREATE, "b", "x").list(10, "b", 6, "x"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "revision 6 of configmaps/ns/b"),
                bad(
                        "a delete acknowledged with a Status (no revision) and still listed after its answer",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 5)
                                .acked(DELETE, "a", null, 0)
                                .list(10, "a", 5, "x"),
                        Rule.ACKNOWLEDGED_WRITES,
                        "op #2 (writer DELETE configmaps/ns/a, acknowledged): list #3 (reader configmaps/ns/ at revision"
                                + " 10), taken after it, still shows configmaps/ns/a at revision 5"),
                bad(
                        "a watcher's event delivered twice",
                        () -> new HistoryBuilder()
                                .listed("w", 1)
                                .event("w", ADDED, "a", 3, "x")
                                .event("w", ADDED, "a", 3, "x"),
                        Rule.WATCH_ORDER,
                        "w event ADDED configmaps/ns/a at revision 3 is a duplicate"),
                bad(
                        "a watcher's events out of revision order",
                        () -> new HistoryBuilder()
                                .listed("w", 1)
                                .event("w", ADDED, "a", 5, "x")
                                .event("w", ADDED, "b", 4, "x"),
                        Rule.WATCH_ORDER,
                        "w event ADDED configmaps/ns/b at revision 4 is out of order: revision 5 was delivered"),
                bad(
                        "a watcher skipping an acknowledged write",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .acked(CREATE, "b", "x", 4)
                                .listed("w", 2)
                                .event("w", ADDED, "a", 3, "x")
                                .event("w", ADDED, "c", 6, "x"),
                        Rule.WATCH_ORDER,
                        "w: w event ADDED configmaps/ns/c at revision 6 follows revision 3, but 1 known write(s) in"
                                + " between were not delivered, first revision 4 (op #2"),
                bad(
                        "a watcher skipping what another watcher saw",
                        () -> new HistoryBuilder()
                                .listed("w1", 2)
                                .event("w1", ADDED, "a", 3, "x")
                                .event("w1", ADDED, "b", 5, "x")
                                .listed("w2", 2)
                                .event("w2", ADDED, "a", 3, "x")
                                .event("w2", ADDED, "c", 4, "x")
                                .event("w2", ADDED, "b", 5, "x"),
                        Rule.WATCH_ORDER,
                        "first revision 4 (w2 event ADDED configmaps/ns/c at revision 4)"),
                bad(
                        "a bookmark past an undelivered write",
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 4)
                                .listed("w", 2)
                                .bookmark("w", 6),
                        Rule.WATCH_ORDER,
                        "bookmark at revision 6 follows revision 2"),
                bad(
                        "an event older than the relist after a 410",
                        () -> new HistoryBuilder()
                                .listed("w", 2)
                                .expired("w")
                                .listed("w", 8, "a", 7, "x")
                                .event("w", ADDED, "a", 7, "x"),
                        Rule.WATCH_ORDER,
                        "at revision 7 is out of order: revision 8"),
                bad(
                        "a list showing an object the watched history deleted",
                        () -> new HistoryBuilder()
                                .listed("w", 1)
                                .event("w", ADDED, "a", 3, "x")
                                .event("w", DELETED, "a", 5, "x")
                                .bookmark("w", 6)
                                .list(6, "a", 3, "x"),
                        Rule.LIST_REPLAY,
                        "list #2 (reader configmaps/ns/ at revision 6) differs from w's history from list #1 (w"
                                + " configmaps/ns/ at revision 1) replayed to revision 6: configmaps/ns/a listed at"
                                + " revision 3 but not replayed"),
                bad(
                        "a list at an older revision of an object than the watched one",
                        () -> new HistoryBuilder()
                                .listed("w", 1)
                                .event("w", ADDED, "a", 3, "x")
                                .event("w", MODIFIED, "a", 5, "y")
                                .bookmark("w", 7)
                                .list(7, "a", 3, "x"),
                        Rule.LIST_REPLAY,
                        "configmaps/ns/a listed at revision 3, replayed at 5"),
                bad(
                        "two watchers disagreeing on what a revision wrote",
                        () -> new HistoryBuilder()
                                .listed("w1", 1)
                                .event("w1", ADDED, "a", 3, "x")
                                .listed("w2", 1)
                                .event("w2", ADDED, "b", 3, "x"),
                        Rule.LIST_REPLAY,
                        "revision 3 in w2 event ADDED configmaps/ns/b at revision 3 is a write of configmaps/ns/a"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badHistories")
    void aHistoryBreakingARuleIsReportedWithALineNamingWhatWasExpected(
            Supplier<HistoryBuilder> history, Rule rule, String says) {
        List<Violation> violations = HistoryChecker.clientsOwnTheirKeys().check(history.get().history);

        assertThat(violations).isNotEmpty().extracting(Violation::rule).containsOnly(rule);
        assertThat(violations)
                .extracting(Violation::message)
                .anySatisfy(m -> assertThat(m).contains(says));
    }

    static Stream<Arguments> goodHistories() {
        return Stream.of(
                Arguments.of(Named.of(
                        "acknowledged creates, updates and deletes, all in the final list",
                        (Supplier<HistoryBuilder>) () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .acked(CREATE, "b", "y", 4)
                                .acked(UPDATE, "a", "z", 6)
                                .acked(DELETE, "b", null, 7)
                                .list(8, "a", 6, "z"))),
                Arguments.of(Named.of("a write of unknown outcome that happened, wholly", (Supplier<HistoryBuilder>)
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .unknown(UPDATE, "a", "w")
                                .list(9, "a", 5, "w"))),
                Arguments.of(Named.of("a write of unknown outcome that did not happen", (Supplier<HistoryBuilder>)
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .unknown(UPDATE, "a", "w")
                                .list(9, "a", 3, "x"))),
                Arguments.of(Named.of("a delete of unknown outcome that happened", (Supplier<HistoryBuilder>)
                        () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .unknown(DELETE, "a", null)
                                .list(9))),
                Arguments.of(Named.of(
                        "a failed write nowhere to be seen", (Supplier<HistoryBuilder>) () -> new HistoryBuilder()
                                .acked(CREATE, "a", "x", 3)
                                .failed(UPDATE, "a", "w")
                                .list(9, "a", 3, "x"))),
                Arguments.of(
                        Named.of("a watcher that missed writes during a 410 and relisted", (Supplier<HistoryBuilder>)
                                () -> new HistoryBuilder()
                                        .acked(CREATE, "a", "x", 3)
                                        .acked(CREATE, "b", "y", 5)
                                        .listed("w", 2)
                                        .event("w", ADDED, "a", 3, "x")
                                        .expired("w")
                                        .listed("w", 9, "a", 3, "x", "b", 5, "y")
                                        .acked(UPDATE, "a", "z", 10)
                                        .event("w", MODIFIED, "a", 10, "z")
                                        .list(10, "a", 10, "z", "b", 5, "y"))),
                Arguments.of(Named.of(
                        "a delete acknowledged with a Status (no revision), watched at its revision",
                        (Supplier<HistoryBuilder>) () -> new HistoryBuilder()
                                .listed("w", 2)
                                .acked(CREATE, "a", "x", 3)
                                .event("w", ADDED, "a", 3, "x")
                                .acked(DELETE, "a", null, 0)
                                .event("w", DELETED, "a", 4, "x")
                                .acked(CREATE, "a", "y", 5)
                                .event("w", ADDED, "a", 5, "y")
                                .list(5, "a", 5, "y"))),
                Arguments.of(Named.of(
                        "a watcher with bookmarks between events, and a list matching its replay",
                        (Supplier<HistoryBuilder>) () -> new HistoryBuilder()
                                .listed("w", 1)
                                .bookmark("w", 2)
                                .acked(CREATE, "a", "x", 3)
                                .event("w", ADDED, "a", 3, "x")
                                .bookmark("w", 3)
                                .acked(DELETE, "a", null, 4)
                                .event("w", DELETED, "a", 4, "x")
                                .acked(CREATE, "b", "y", 5)
                                .event("w", ADDED, "b", 5, "y")
                                .list(5, "b", 5, "y"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodHistories")
    void aHistoryKeepingEveryRulePasses(Supplier<HistoryBuilder> history) {
        assertThat(HistoryChecker.clientsOwnTheirKeys().check(history.get().history))
                .isEmpty();
    }
}
