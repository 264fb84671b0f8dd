package io.everynode.api.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaemonTolerationsTest {

    @ParameterizedTest(name = "[{index}] hostNetwork={0} -> {1} tolerations")
    @CsvSource({"false, 6", "true, 7"})
    void networkUnavailableIsToleratedOnlyByHostNetworkPods(boolean hostNetwork, int count) {
        List<Toleration> auto = DaemonTolerations.automatic(hostNetwork);
        assertThat(auto).hasSize(count);
        assertThat(auto)
                .extracting(Toleration::getKey)
                .contains(DaemonTolerations.NOT_READY, DaemonTolerations.UNREACHABLE, DaemonTolerations.UNSCHEDULABLE);
        assertThat(auto.stream().anyMatch(t -> t.getKey().equals(DaemonTolerations.NETWORK_UNAVAILABLE)))
                .isEqualTo(hostNetwork);
    }

    @Test
    void anExactlyMatchingUserTolerationIsReplacedDroppingItsSeconds() {
        List<Toleration> user =
                Nodes.tolerations("node.kubernetes.io/not-ready?:NoExecute:300;dedicated=gpu:NoSchedule");
        List<Toleration> merged = DaemonTolerations.withAutomatic(user, false);
        assertThat(merged).hasSize(7);
        assertThat(merged.get(0).getKey()).isEqualTo(DaemonTolerations.NOT_READY);
        assertThat(merged.get(0).getTolerationSeconds()).isNull();
        assertThat(merged.get(1).getKey()).isEqualTo("dedicated");
        assertThat(user.get(0).getTolerationSeconds()).isEqualTo(300L);
    }

    @Test
    void aSimilarButDifferentUserTolerationIsKeptAndTheAutomaticOneAppended() {
        List<Toleration> user = Nodes.tolerations("node.kubernetes.io/not-ready?::300");
        List<Toleration> merged = DaemonTolerations.withAutomatic(user, false);
        assertThat(merged).hasSize(7);
        assertThat(merged.get(0).getTolerationSeconds()).isEqualTo(300L);
    }
}
