package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainersBenchCommandTest {
    @Test
    void theSummaryNamesTheMedianAndTheExtremesOfTheSamplesWhateverTheirOrder() {
        assertThat(ContainersBenchCommand.summary(
                        List.of(Duration.ofMillis(900), Duration.ofMillis(300), Duration.ofMillis(500))))
                .isEqualTo("n=3 p50=500ms min=300ms max=900ms");
    }
}
