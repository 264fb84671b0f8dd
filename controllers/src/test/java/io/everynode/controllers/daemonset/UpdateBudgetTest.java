package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** R5.2 as a table (upstream TestGetUnavailableNumbers). */
class UpdateBudgetTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("2 nodes, maxUnavailable 1", 2, new IntOrString(1), new IntOrString(0), 0, 1),
                Arguments.of(
                        "2 nodes, both 0: forced maxUnavailable 1", 2, new IntOrString(0), new IntOrString(0), 0, 1),
                Arguments.of("2 nodes, maxUnavailable 50%", 2, new IntOrString("50%"), new IntOrString(0), 0, 1),
                Arguments.of("2 nodes, maxSurge 50%", 2, new IntOrString(0), new IntOrString("50%"), 1, 0),
                Arguments.of("2 nodes, maxSurge 100%", 2, new IntOrString(0), new IntOrString("100%"), 2, 0),
                Arguments.of(
                        "3 nodes, maxUnavailable 50% rounds up", 3, new IntOrString("50%"), new IntOrString(0), 0, 2),
                Arguments.of("3 nodes, maxSurge 10% rounds up", 3, new IntOrString(0), new IntOrString("10%"), 1, 0),
                Arguments.of("0 nodes, both 0: nothing forced", 0, new IntOrString(0), new IntOrString(0), 0, 0),
                Arguments.of(
                        "5 nodes, maxUnavailable 0%: forced 1", 5, new IntOrString("0%"), new IntOrString("0%"), 0, 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void effectiveBudgetsScaleAgainstDesiredNodes(
            String name,
            int nodes,
            IntOrString maxUnavailable,
            IntOrString maxSurge,
            int wantSurge,
            int wantUnavailable) {
        DaemonSet ds = Fixtures.daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(maxUnavailable, maxSurge));
        UpdateBudget b = UpdateBudget.of(ds, Fixtures.nodes(nodes));
        assertThat(b.maxSurge()).isEqualTo(wantSurge);
        assertThat(b.maxUnavailable()).isEqualTo(wantUnavailable);
        assertThat(b.desired()).isEqualTo(nodes);
    }

    @Test
    void nodesThatShouldNotRunThePodDoNotCountAsDesired() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString("50%"), new IntOrString(0)));
        var nodes = Fixtures.nodes(4);
        Fixtures.tainted(nodes.get(0), "k", "v", "NoSchedule");
        Fixtures.tainted(nodes.get(1), "k", "v", "NoSchedule");
        assertThat(UpdateBudget.of(ds, nodes)).isEqualTo(new UpdateBudget(0, 1, 2));
    }

    @Test
    void onDeleteHasNoBudgetButIsForcedToOneUnavailable() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.onDelete());
        assertThat(UpdateBudget.of(ds, Fixtures.nodes(3))).isEqualTo(new UpdateBudget(0, 1, 3));
    }

    @Test
    void aMalformedPercentageIsAnError() {
        DaemonSet ds = Fixtures.daemonSet("ds");
        ds.getSpec().setUpdateStrategy(Fixtures.rollingUpdate(new IntOrString("fifty"), new IntOrString(0)));
        assertThatThrownBy(() -> UpdateBudget.of(ds, Fixtures.nodes(2)))
                .hasMessageStartingWith("invalid value for MaxUnavailable");
    }
}
