package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.AgentConfig;
import io.everynode.controllers.podgc.PodGcConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** What {@code up} hands its agents and controllers: the grace period, report intervals, the eviction pass period, the pod GC quarantine. */
class UpNodeSettingsTest {
    @Test
    void byDefaultNodesHaveTheKubeletsSettingsAndTheControllersTheFortySecondGrace() {
        UpCommand up = new UpCommand();
        assertThat(up.nodeConfig("node-1")).isEqualTo(AgentConfig.defaults("node-1"));
        assertThat(up.controllerConfig().nodeLifecycle().monitorGracePeriod()).isEqualTo(Duration.ofSeconds(40));
    }

    @ParameterizedTest(name = "grace {0} → reports every {1}")
    @CsvSource({"PT40S, PT10S", "PT2M, PT10S", "PT8S, PT2S", "PT1S, PT0.25S"})
    void agentsReportAtLeastFourTimesPerGracePeriodAndNeverLessOftenThanTheKubelet(Duration grace, Duration reports) {
        UpCommand up = new UpCommand().nodeMonitorGracePeriod(grace);
        AgentConfig c = up.nodeConfig("node-1");
        assertThat(c.leaseRenewInterval()).isEqualTo(reports);
        assertThat(c.statusUpdateInterval()).isEqualTo(reports);
        assertThat(up.controllerConfig().nodeLifecycle().monitorGracePeriod()).isEqualTo(grace);
    }

    @Test
    void theEvictionPassPeriodReachesEveryNodeAndLeavesTheThresholdAlone() {
        AgentConfig c =
                new UpCommand().evictionPassPeriod(Duration.ofMillis(500)).nodeConfig("node-2");
        assertThat(c.eviction().passPeriod()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.eviction().hard())
                .isEqualTo(AgentConfig.defaults("node-2").eviction().hard());
        assertThat(c.eviction().enabled()).isTrue();
    }

    @Test
    void theUsageReportIntervalReachesEveryNode() {
        assertThat(new UpCommand().nodeConfig("node-1").usageReportInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(new UpCommand()
                        .usageReportInterval(Duration.ofSeconds(2))
                        .nodeConfig("node-3")
                        .usageReportInterval())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void thePodGcQuarantineKeepsUpstreamsProportionOfPassesAndItsThreshold() {
        assertThat(new UpCommand().controllerConfig().podGc()).isEqualTo(PodGcConfig.defaults());
        PodGcConfig gc = new UpCommand()
                .podGcQuarantine(Duration.ofSeconds(4))
                .controllerConfig()
                .podGc();
        assertThat(gc.quarantine()).isEqualTo(Duration.ofSeconds(4));
        assertThat(gc.period()).isEqualTo(Duration.ofSeconds(2));
        assertThat(gc.terminatedPodThreshold()).isEqualTo(PodGcConfig.defaults().terminatedPodThreshold());
    }

    @Test
    void theGracePeriodFlagTakesGoDurations() {
        UpCommand up = new UpCommand();
        new CommandLine(up).parseArgs("--node-monitor-grace-period", "1m30s");
        assertThat(up.controllerConfig().nodeLifecycle().monitorGracePeriod()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void periodsMustBePositive() {
        assertThatThrownBy(() -> new UpCommand().nodeMonitorGracePeriod(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpCommand().evictionPassPeriod(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpCommand().usageReportInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UpCommand().podGcQuarantine(Duration.ofSeconds(-4)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
