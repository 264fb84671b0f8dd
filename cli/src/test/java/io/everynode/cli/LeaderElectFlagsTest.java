package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.leader.LeaderElectionConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LeaderElectFlagsTest {
    private static ServerCommand parse(String... args) {
        ServerCommand c = new ServerCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void byDefaultTheServerElectsWithUpstreamsTimings() {
        LeaderElectionConfig e = parse().leaderElection();

        assertThat(e.namespace()).isEqualTo("kube-system");
        assertThat(e.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(e.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
        assertThat(e.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theTimingsAreTheFlagsAsUpstreamSpellsThem() {
        LeaderElectionConfig e = parse(
                        "--leader-elect-lease-duration=4s",
                        "--leader-elect-renew-deadline=2500ms",
                        "--leader-elect-retry-period",
                        "500ms")
                .leaderElection();

        assertThat(e.leaseDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(e.renewDeadline()).isEqualTo(Duration.ofMillis(2500));
        assertThat(e.retryPeriod()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void leaderElectFalseRunsTheControllersUnelected() {
        assertThat(parse("--leader-elect=false").leaderElection()).isNull();
        assertThat(parse("--leader-elect").leaderElection()).isNotNull();
    }

    @Test
    void timingsOutOfOrderAreRefusedNamingTheFlags() {
        assertThatThrownBy(() -> parse("--leader-elect-renew-deadline=20s").leaderElection())
                .hasMessage("--leader-elect-lease-duration, --leader-elect-renew-deadline, --leader-elect-retry-period:"
                        + " leaseDuration must be greater than renewDeadline");
    }
}
