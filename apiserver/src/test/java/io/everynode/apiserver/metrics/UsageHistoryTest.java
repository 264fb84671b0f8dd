package io.everynode.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final UsageHistory history = new UsageHistory(clock);

    @Test
    void aNodeHasFiguresOnlyFromItsSecondReading() {
        history.record(report(0));
        assertThat(history.window("n1")).isEmpty();

        clock.advance(Duration.ofSeconds(15));
        history.record(report(15));

        var w = history.window("n1").orElseThrow();
        assertThat(w.earlier().timestamp()).isEqualTo(at(0));
        assertThat(w.later().timestamp()).isEqualTo(at(15));
    }

    @Test
    void aReadingNoNewerThanTheLatestIsIgnored() {
        history.record(report(0));
        history.record(report(15));
        history.record(report(15));
        history.record(report(5));

        assertThat(history.window("n1").orElseThrow().earlier().timestamp()).isEqualTo(at(0));
    }

    @Test
    void aNodeThatStoppedReportingDropsOutAfterAMinuteOrThreeWindows() {
        history.record(report(0));
        history.record(report(15));

        clock.advance(Duration.ofSeconds(60));
        assertThat(history.window("n1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(history.window("n1")).isEmpty();
    }

    private static Instant at(int s) {
        return Instant.parse("2026-12-04T10:00:00Z").plusSeconds(s);
    }

    private static UsageReport report(int s) {
        return new UsageReport("n1", at(s), new Usage(s, 1), List.of());
    }
}
