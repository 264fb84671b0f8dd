package io.everynode.advisor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutPaceTest {
    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "one pod a second at maxUnavailable 2: a slot is 2s  | 2   | 0 1 2 3 4 5 6 7 8 9            | 2000",
                "the first wave's pods come together: not a rate     | 4   | 0 0 0 0 2 4 6 8 10 12          | 8000",
                "two a second at maxUnavailable 4: a slot is 2s      | 4   | 0 0 1 1 2 2 3 3 4 4            | 2000",
                "a pod recreated an hour later does not stretch it   | 2   | 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 3600 | 2000",
                "all created in one second: nothing to learn         | 2   | 0 0 0 0 0 0                    | ",
                "a budget of every node is one wave: nothing         | 100% | 0 1 2 3 4 5                   | ",
                "three pods say nothing steady                       | 1   | 0 5 10                         | ",
            })
    void theSlotIsTheBudgetOverTheRateAtWhichPodsWereCreated(
            String title, String maxUnavailable, String createdSeconds, Long expectedMillis) {
        List<Pod> pods = new ArrayList<>();
        String[] seconds = createdSeconds.trim().split(" +");
        for (int i = 0; i < seconds.length; i++) {
            Pod p = PlanFixtures.pod("agent-" + i, "e-" + i, "DaemonSet", "ds-uid", "10m", "2026-12-05T10:00:00Z");
            p.getMetadata()
                    .setCreationTimestamp(
                            T0.plusSeconds(Long.parseLong(seconds[i])).toString());
            pods.add(p);
        }
        int nodes = (int) Arrays.stream(seconds).count();

        Optional<Duration> slot = RolloutPace.slot(PlanFixtures.ds(maxUnavailable, "0"), pods, nodes);

        if (expectedMillis == null) {
            assertThat(slot).isEmpty();
        } else {
            assertThat(slot).contains(Duration.ofMillis(expectedMillis));
        }
    }
}
