package io.everynode.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.cli.UpCluster;
import io.everynode.cli.UpCommand;
import io.everynode.store.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's agent path end to end at CI size: every phase is reached; no figure is judged. */
class DaemonSetBenchmarkIT {
    @TempDir
    Path dir;

    @Test
    void fiftySimulatedAgentsTakeADaemonSetThroughEveryPhaseAndItIsReported() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        DaemonSetBenchmark.Result r = DaemonSetBenchmark.run(new DaemonSetBenchmark.Options(
                50,
                StoreConfig.sqlite(dir),
                "10%",
                4,
                DaemonSetBenchmark.Options.instantRuntime(),
                Duration.ofSeconds(120),
                lines::add));

        assertThat(r.complete()).as("every phase reached: %s", r).isTrue();
        assertThat(r.nodes()).isEqualTo(50);
        assertThat(r.backend()).isEqualTo("sqlite");
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("nodes: registered"))
                .anySatisfy(l -> assertThat(l).startsWith("new DaemonSet: created"))
                .anySatisfy(l -> assertThat(l).startsWith("rolling update at maxUnavailable 10%"))
                .anySatisfy(l -> assertThat(l).startsWith("new node: daemon pod bound"));
        assertThat(r.toString())
                .contains(
                        "50 simulated agents",
                        "nodes Ready:",
                        "new DaemonSet, all Ready:",
                        "rolling update (image), done:",
                        "new node to daemon pod Ready:",
                        "heap after GC:")
                .doesNotContain("not reached");
    }

    @Test
    void sixSimulatedNodesArePlannedThenRolledAndTheEstimateIsSetBesideTheMeasurement() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        // Creation and Ready times are whole seconds, so the plan learns a start time of 0 s when
        // every pod starts within the second it was created in (it did once, on a quiet machine).
        // A pod here takes at least 80% of 1.5 s to turn Ready: every learned start is 1 s or more.
        PlanBenchmark.Result r = PlanBenchmark.run(new PlanBenchmark.Options(
                6, StoreConfig.memory(), "50%", Duration.ofMillis(1500), 3, Duration.ofSeconds(120), lines::add));

        assertThat(r.complete()).as("every phase reached: %s", r).isTrue();
        assertThat(r.estimate().kind()).isEqualTo("update");
        assertThat(r.estimate().nodes()).isEqualTo(6);
        assertThat(r.estimate().waves()).isEqualTo(2);
        assertThat(r.estimate().basis().source()).isEqualTo("pods of daemonset bench/agent");
        assertThat(r.ratio()).isPositive();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("update 2 (not measured), all available"))
                .anySatisfy(l -> assertThat(l).startsWith("plan: "));
        assertThat(r.toString())
                .contains("6 simulated nodes", "estimated update:", "measured update:", "estimate / measured:")
                .doesNotContain("not reached");
    }

    @Test
    void upWithTwentyNodesIsTimedUntilItsDaemonSetIsReadyAndWritesAreMeasured() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        UpBenchmark.Result r =
                UpBenchmark.run(new UpBenchmark.Options(20, 10, 0, Duration.ofSeconds(120), lines::add), () -> {
                    UpCluster running = new UpCommand()
                            .nodes(20)
                            .dataDir(dir.resolve("up"))
                            .port(0)
                            .open();
                    return new UpBenchmark.Started(running.client(), running);
                });

        assertThat(r.complete()).as("every phase reached: %s", r).isTrue();
        assertThat(r.writes()).isEqualTo(10);
        assertThat(r.writeP99Ms()).isGreaterThanOrEqualTo(r.writeP50Ms());
        assertThat(r.toString())
                .contains("20 simulated nodes", "all nodes Ready:", "DaemonSet, all pods Ready:")
                .doesNotContain("not reached");
    }
}
