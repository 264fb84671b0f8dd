package io.everynode.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UsageHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final Store store = Stores.open(StoreConfig.memory(), clock);
    private final UsageHistory history = new UsageHistory(store, ValueTransformer.NONE, clock);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aNodeHasFiguresOnlyFromItsSecondReading() {
        history.record(report("n1", 0));
        assertThat(history.window("n1")).isEmpty();

        clock.advance(Duration.ofSeconds(15));
        history.record(report("n1", 15));

        var w = history.window("n1").orElseThrow();
        assertThat(w.earlier().timestamp()).isEqualTo(at(0));
        assertThat(w.later().timestamp()).isEqualTo(at(15));
    }

    @Test
    void aReadingNoNewerThanTheLatestIsIgnored() {
        history.record(report("n1", 0));
        history.record(report("n1", 15));
        history.record(report("n1", 15));
        history.record(report("n1", 5));

        assertThat(history.window("n1").orElseThrow().earlier().timestamp()).isEqualTo(at(0));
    }

    @Test
    void aNodeThatStoppedReportingDropsOutAfterAMinuteOrThreeWindows() {
        history.record(report("n1", 0));
        history.record(report("n1", 15));

        clock.advance(Duration.ofSeconds(60));
        assertThat(history.window("n1")).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(history.window("n1")).isEmpty();
    }

    @Test
    void readingsSentToOneServerAreServedByAnotherOnTheSameStore() {
        UsageHistory other = new UsageHistory(store, ValueTransformer.NONE, clock);
        history.record(report("n1", 0));
        other.record(report("n1", 15)); // the agent failed over to the other server
        history.record(report("n2", 0));
        history.record(report("n2", 15));

        var w = other.window("n1").orElseThrow();
        assertThat(w.earlier().timestamp()).isEqualTo(at(0));
        assertThat(w.later().timestamp()).isEqualTo(at(15));
        assertThat(other.windows()).containsOnlyKeys("n1", "n2");
        assertThat(history.windows().get("n1")).isEqualTo(w);
    }

    @Test
    void readingsLiveUnderRegistryButAsNoApiResource() {
        history.record(report("n1", 0));

        assertThat(store.get("/registry/everynode-nodeusages/n1")).isPresent();
    }

    @Test
    void aNodeSilentForTenMinutesIsForgottenByTheNextSweep() {
        history.record(report("n1", 0));
        history.record(report("n1", 15));
        clock.advance(Duration.ofMinutes(11));
        history.record(report("n2", 700));

        assertThat(store.get(UsageHistory.PREFIX + "n1")).isEmpty();
        assertThat(store.get(UsageHistory.PREFIX + "n2")).isPresent();
    }

    private static Instant at(int s) {
        return Instant.parse("2026-12-04T10:00:00Z").plusSeconds(s);
    }

    private static UsageReport report(String node, int s) {
        return new UsageReport(node, at(s), new Usage(s, 1), List.of());
    }
}
