package io.everynode.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.rollout.AdvancedRollout;
import io.everynode.api.rollout.Stages;
import io.everynode.store.StoreConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code bench plan --stages N --soak S}: equal shares of the nodes, cumulative (E5.2), as a valid stages annotation (E5.1). */
class PlanBenchStagesTest {
    private static PlanBenchmark.Options options(int stages, int soak) {
        return new PlanBenchmark.Options(
                10,
                StoreConfig.memory(),
                "10%",
                Duration.ofSeconds(3),
                1,
                Duration.ofSeconds(1),
                l -> {},
                stages,
                soak);
    }

    @Test
    void threeStagesTakeAThirdTwoThirdsAndTheRestWithSoaksBetween() {
        String value = options(3, 5).stagesAnnotation();

        assertThat(value)
                .isEqualTo("[{\"name\":\"stage-1\",\"maxNodes\":\"34%\",\"soakSeconds\":5},"
                        + "{\"name\":\"stage-2\",\"maxNodes\":\"67%\",\"soakSeconds\":5},{\"name\":\"stage-3\"}]");
        assertThat(Stages.parse(value)).extracting(Stages.Stage::name).containsExactly("stage-1", "stage-2", "stage-3");
        assertThat(options(3, 5).daemonSet().getMetadata().getAnnotations())
                .containsEntry(AdvancedRollout.STAGES, value);
    }

    @Test
    void noStagesLeaveTheDaemonSetUnstaged() {
        assertThat(options(0, 5).stagesAnnotation()).isNull();
        var annotations = options(0, 5).daemonSet().getMetadata().getAnnotations();
        assertThat(annotations == null ? java.util.Map.of() : annotations).doesNotContainKey(AdvancedRollout.STAGES);
    }
}
