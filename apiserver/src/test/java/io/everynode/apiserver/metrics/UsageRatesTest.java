package io.everynode.apiserver.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.metrics.PodUsage;
import io.everynode.api.metrics.Usage;
import io.everynode.api.metrics.UsageReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageRatesTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(15);
    private static final Instant STARTED = T0.minusSeconds(600);

    @Test
    void cpuIsTheCountersGrowthOverTheWindowInNanocores() {
        assertThat(UsageRates.nanocores(1_000_000_000L, 4_000_000_000L, Duration.ofSeconds(15)))
                .isEqualTo(200_000_000L); // 3 s of CPU in 15 s: 200m
    }

    @Test
    void aCounterThatWentDownOrNoTimeBetweenReadingsGivesNoRate() {
        assertThat(UsageRates.nanocores(5, 4, Duration.ofSeconds(1))).isEqualTo(-1);
        assertThat(UsageRates.nanocores(4, 5, Duration.ZERO)).isEqualTo(-1);
    }

    @Test
    void aLargeCounterDoesNotOverflow() {
        long day = Duration.ofDays(1).toNanos();
        assertThat(UsageRates.nanocores(0, 64 * day, Duration.ofDays(1))).isEqualTo(64_000_000_000L);
    }

    @Test
    void theNodesWindowIsTheTimeBetweenItsReadingsAndItsMemoryTheLaterWorkingSet() {
        var r = UsageRates.node(report(T0, 0, List.of()), report(T1, 15_000_000_000L, List.of()))
                .orElseThrow();

        assertThat(r.window()).isEqualTo(Duration.ofSeconds(15));
        assertThat(r.nanocores()).isEqualTo(1_000_000_000L);
        assertThat(r.timestamp()).isEqualTo(T1);
    }

    @Test
    void aPodOfTheSameInstancesGetsEachContainersRate() {
        var before = report(T0, 0, List.of(pod("web", container("a", STARTED, 0, 10), container("b", STARTED, 0, 10))));
        var after = report(
                T1,
                0,
                List.of(pod("web", container("a", STARTED, 1_500_000_000L, 20), container("b", STARTED, 0, 30))));

        var rates = UsageRates.pods(before, after);

        assertThat(rates).hasSize(1);
        assertThat(rates.get(0).containers())
                .containsExactly(
                        new UsageRates.ContainerRate("a", 100_000_000L, 20), new UsageRates.ContainerRate("b", 0, 30));
        assertThat(rates.get(0).window()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aPodWithARestartedContainerIsLeftOutUntilItsNextReading() {
        var before = report(T0, 0, List.of(pod("web", container("a", STARTED, 9_000_000_000L, 10))));
        var restartedBefore = report(T1, 0, List.of(pod("web", container("a", T0.minusSeconds(1), 1_000, 20))));

        assertThat(UsageRates.pods(before, restartedBefore)).isEmpty();
    }

    @Test
    void aContainerThatStartedBetweenReadingsIsMeasuredFromItsStart() {
        var before = report(T0, 0, List.of());
        var after = report(T1, 0, List.of(pod("new", container("a", T0.plusSeconds(5), 5_000_000_000L, 10))));

        var rates = UsageRates.pods(before, after);

        assertThat(rates.get(0).containers().get(0).nanocores()).isEqualTo(500_000_000L); // 5 s in 10 s
        assertThat(rates.get(0).window()).isEqualTo(Duration.ofSeconds(10));
    }

    private static UsageReport report(Instant at, long nodeCpu, List<PodUsage> pods) {
        return new UsageReport("n1", at, new Usage(nodeCpu, 1000), pods);
    }

    private static PodUsage pod(String name, PodUsage.Container... cs) {
        return new PodUsage("default", name, List.of(cs));
    }

    private static PodUsage.Container container(String name, Instant started, long cpu, long memory) {
        return new PodUsage.Container(name, started, new Usage(cpu, memory));
    }
}
