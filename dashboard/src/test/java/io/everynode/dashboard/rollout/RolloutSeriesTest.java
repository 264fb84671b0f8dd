package io.everynode.dashboard.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chart's series: a point when a counter moves, markers where the stage or the pause turns, a new revision starts over. */
class RolloutSeriesTest {
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static RolloutFacts facts(
            String revision, int updated, int available, boolean paused, RolloutFacts.Stage stage) {
        return new RolloutFacts(revision, 2, 2, 10, updated, available, 10 - available, 1, 0, 0, paused, stage);
    }

    /** A status of the last generation: its updated count is the last revision's. */
    private static RolloutFacts unobserved(String revision, int updated) {
        return new RolloutFacts(revision, 3, 2, 10, updated, 10, 0, 1, 0, 0, false, null);
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** One row: what is observed when, and what the chart must gain. */
    record Row(int second, RolloutFacts facts, boolean reset, List<Integer> updatedPoints, List<String> markers) {}

    @Test
    void eachObservationAddsWhatChangedAndANewRevisionStartsOver() {
        var canary = new RolloutFacts.Stage("StageUpdating", "canary", 1, 2);
        var canarySoaks = new RolloutFacts.Stage("StageSoaking", "canary", 1, 2);
        var rest = new RolloutFacts.Stage("StageUpdating", "rest", 2, 2);
        List<Row> table = List.of(
                // the first status the stream sees: the chart's first point, and the stage it is in
                new Row(
                        0,
                        facts("a", 0, 10, false, canary),
                        true,
                        List.of(0),
                        List.of("stage:canary (1/2) StageUpdating")),
                // nothing moved (a heartbeat changed the object): nothing to add
                new Row(1, facts("a", 0, 10, false, canary), false, List.of(), List.of()),
                new Row(2, facts("a", 0, 9, false, canary), false, List.of(0), List.of()),
                new Row(
                        3,
                        facts("a", 1, 10, false, canarySoaks),
                        false,
                        List.of(1),
                        List.of("stage:canary (1/2) StageSoaking")),
                new Row(4, facts("a", 1, 10, false, rest), false, List.of(), List.of("stage:rest (2/2) StageUpdating")),
                new Row(5, facts("a", 1, 10, true, rest), false, List.of(), List.of("paused:paused")),
                new Row(6, facts("a", 2, 10, false, rest), false, List.of(2), List.of("resumed:resumed")),
                // a new template: a new rollout, its own first point and stage
                new Row(
                        7,
                        facts("b", 0, 10, false, canary),
                        true,
                        List.of(0),
                        List.of("stage:canary (1/2) StageUpdating")),
                // paused from the start: marked at the first point
                new Row(8, facts("c", 0, 10, true, null), true, List.of(0), List.of("paused:paused")),
                // a new template whose status the controller has not written yet: a new chart, no point
                new Row(9, unobserved("d", 10), true, List.of(), List.of()),
                new Row(10, unobserved("d", 10), false, List.of(), List.of()),
                new Row(11, facts("d", 0, 10, false, null), false, List.of(0), List.of()));

        RolloutSeries series = new RolloutSeries();
        for (Row row : table) {
            RolloutSeries.Step step = series.observe(row.facts(), at(row.second()));

            assertThat(step.reset()).as("reset at %ds", row.second()).isEqualTo(row.reset());
            assertThat(step.points()).as("points at %ds", row.second()).allMatch(p -> p.at().equals(at(row.second())));
            assertThat(step.points().stream().map(RolloutSeries.Point::updated).toList())
                    .as("points at %ds", row.second())
                    .isEqualTo(row.updatedPoints());
            assertThat(step.markers())
                    .as("markers at %ds", row.second())
                    .allMatch(m -> m.at().equals(at(row.second())));
            assertThat(step.markers().stream()
                            .map(m -> m.kind() + ":" + m.label())
                            .toList())
                    .as("markers at %ds", row.second())
                    .isEqualTo(row.markers());
            assertThat(step.facts()).isSameAs(row.facts());
        }
    }

    @Test
    void theMessageCarriesTheBudgetThePartitionAndThePointsInEpochMilliseconds() {
        var f = new RolloutFacts("h", 3, 3, 10, 2, 9, 1, 3, 1, 4, true, null);
        var step = new RolloutSeries().observe(f, at(0));

        var json = RolloutMessages.of(step);

        assertThat(json.get("revision").asString()).isEqualTo("h");
        assertThat(json.get("reset").asBoolean()).isTrue();
        assertThat(json.get("maxUnavailable").asInt()).isEqualTo(3);
        assertThat(json.get("maxSurge").asInt()).isEqualTo(1);
        assertThat(json.get("partition").asInt()).isEqualTo(4);
        assertThat(json.get("partitionCap").asInt()).isEqualTo(6);
        assertThat(json.get("observedGeneration").asLong()).isEqualTo(3);
        assertThat(json.get("stage").isNull()).isTrue();
        assertThat(json.get("points").get(0).get("at").asLong()).isEqualTo(T0.toEpochMilli());
        assertThat(json.get("points").get(0).get("unavailable").asInt()).isEqualTo(1);
        assertThat(json.get("markers").get(0).get("kind").asString()).isEqualTo("paused");
    }
}
