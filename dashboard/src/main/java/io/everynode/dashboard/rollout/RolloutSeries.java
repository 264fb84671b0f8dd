package io.everynode.dashboard.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The points of one fleet stream's rollout chart. Each status the stream sees is observed once;
 * the answer is what to add to the chart: a point when a counter moved, a marker when the stage
 * (E5.4) or the pause (E3.1) changed. A status whose observedGeneration is behind the generation
 * gives no point: the controller wrote its counters before it saw the spec (right after a
 * template change, updatedNumberScheduled still counts the last revision's pods). A new template revision (R4.2's hash) is a new rollout: the
 * chart starts over ({@link Step#reset()}). Points carry the time they were seen (the caller's
 * clock), not a position: the browser keeps them and draws them against the rollout's first point,
 * so a reconnected stream of the same revision continues the same chart. Not thread-safe: one
 * stream's flushes run one at a time.
 */
public final class RolloutSeries {
    /** The counters at {@code at}. */
    public record Point(Instant at, int updated, int available, int unavailable) {}

    /** A vertical marker: {@code kind} is {@code stage}, {@code paused} or {@code resumed}. */
    public record Marker(Instant at, String kind, String label) {}

    /**
     * What one observation adds.
     *
     * @param reset a new rollout: the chart drops what it had before these points
     * @param facts the status it came from (budget, partition, stage: drawn as they are now)
     */
    public record Step(boolean reset, RolloutFacts facts, List<Point> points, List<Marker> markers) {}

    private String revision;
    private Point last;
    private RolloutFacts.Stage stage;
    private boolean paused;

    /** What {@code facts}, seen at {@code now}, adds to the chart. */
    public Step observe(RolloutFacts facts, Instant now) {
        boolean reset = revision == null || !revision.equals(facts.revision());
        List<Point> points = new ArrayList<>(1);
        List<Marker> markers = new ArrayList<>(2);
        if (reset) {
            revision = facts.revision();
            last = null;
            stage = null;
            paused = false;
        }
        Point p = new Point(now, facts.updated(), facts.available(), facts.unavailable());
        // a status the controller wrote before it saw this spec counts the last revision's pods
        boolean observed = facts.observedGeneration() >= facts.generation();
        if (observed && (last == null || moved(last, p))) {
            points.add(p);
            last = p;
        }
        if (facts.stage() != null && !sameStage(stage, facts.stage())) {
            markers.add(new Marker(now, "stage", facts.stage().label()));
        }
        stage = facts.stage();
        if (facts.paused() != paused) {
            markers.add(new Marker(now, facts.paused() ? "paused" : "resumed", facts.paused() ? "paused" : "resumed"));
        }
        paused = facts.paused();
        return new Step(reset, facts, List.copyOf(points), List.copyOf(markers));
    }

    private static boolean moved(Point a, Point b) {
        return a.updated() != b.updated() || a.available() != b.available() || a.unavailable() != b.unavailable();
    }

    private static boolean sameStage(RolloutFacts.Stage a, RolloutFacts.Stage b) {
        return a != null
                && Objects.equals(a.phase(), b.phase())
                && Objects.equals(a.name(), b.name())
                && a.index() == b.index();
    }
}
