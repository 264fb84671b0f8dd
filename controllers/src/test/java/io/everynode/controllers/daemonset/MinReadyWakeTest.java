package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The minReadySeconds wake-up (R2.11, R3.3): over every waiting pod, exact, bounded. */
class MinReadyWakeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:01:00Z");
    private static final DaemonSet DS = Fixtures.daemonSet("ds");

    private static Pod ready(String name, String since) {
        Pod p = Fixtures.podFor(DS, name, "a", "h");
        PodCondition c = new PodCondition();
        c.setType("Ready");
        c.setStatus("True");
        c.setLastTransitionTime(since);
        p.getStatus().setConditions(List.of(c));
        p.getStatus().setPhase("Running");
        return p;
    }

    private static Map<String, List<Pod>> onNodeA(Pod... pods) {
        return Map.of("a", List.of(pods));
    }

    @Test
    void theSoonestWaitingPodOfAnyNodeSetsTheWakeUp() {
        Map<String, List<Pod>> pods = Map.of(
                "a",
                        List.of(
                                ready("old", NOW.minusSeconds(600).toString()),
                                ready("surged", NOW.minusSeconds(7).toString())),
                "b", List.of(ready("other", NOW.minusSeconds(2).toString())));

        // "surged" is the second pod of its node, the one status does not count: it waits 3 s more.
        assertThat(MinReadyWake.after(10, pods, NOW))
                .contains(Duration.ofSeconds(3).plus(MinReadyWake.MARGIN));
    }

    @Test
    void availableAndUnreadyPodsWaitForNothing() {
        Pod unready = Fixtures.podFor(DS, "pending", "a", "h");

        assertThat(MinReadyWake.after(
                        10, onNodeA(ready("old", NOW.minusSeconds(600).toString()), unready), NOW))
                .isEmpty();
    }

    @Test
    void withoutMinReadySecondsNothingWaits() {
        assertThat(MinReadyWake.after(0, onNodeA(ready("fresh", NOW.toString())), NOW))
                .isEmpty();
    }

    @Test
    void aReadyTimeAheadOfOurClockOrMissingIsLookedAtAgainAfterMinReadySeconds() {
        Duration longest = Duration.ofSeconds(10).plus(MinReadyWake.MARGIN);

        assertThat(MinReadyWake.after(
                        10, onNodeA(ready("ahead", NOW.plusSeconds(3600).toString())), NOW))
                .contains(longest);
        assertThat(MinReadyWake.after(10, onNodeA(ready("timeless", null)), NOW))
                .contains(longest);
    }
}
