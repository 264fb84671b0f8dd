package io.everynode.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

    @ParameterizedTest(name = "p{0} of 1..100 is {1}")
    @CsvSource({
        "0.01, 1",
        "0.50, 50",
        "0.505, 51",
        "0.99, 99",
        "0.999, 100",
        "1.0, 100",
    })
    void nearestRankOfOneToAHundredIsTheSampleAtCeilPTimesN(double p, long expected) {
        assertThat(Percentiles.of(ONE_TO_HUNDRED).at(p)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "p{1} of {0} is {2}")
    @CsvSource({
        "'7', 0.50, 7",
        "'7', 0.99, 7",
        "'30 10 20', 0.50, 20",
        "'30 10 20', 0.34, 20",
        "'30 10 20', 0.33, 10",
        "'30 10 20', 0.99, 30",
        "'5 5 5 100', 0.75, 5",
        "'5 5 5 100', 0.76, 100",
    })
    void unsortedAndSmallSamplesUseTheSortedRank(String sample, double p, long expected) {
        long[] nanos = java.util.Arrays.stream(sample.split(" "))
                .mapToLong(Long::parseLong)
                .toArray();
        assertThat(Percentiles.of(nanos).at(p)).isEqualTo(expected);
    }

    @Test
    void anEmptySampleAnswersZero() {
        Percentiles empty = Percentiles.of(new long[0]);
        assertThat(empty.at(0.5)).isZero();
        assertThat(empty.max()).isZero();
        assertThat(empty.count()).isZero();
    }

    @Test
    void samplesOfSeveralWritersAreOneSampleAndTheCallersArrayIsLeftAlone() {
        long[] first = {3_000_000, 1_000_000};
        Percentiles p = Percentiles.of(new long[][] {first, {2_000_000}});
        assertThat(p.count()).isEqualTo(3);
        assertThat(p.millisAt(0.5)).isEqualTo(2.0);
        assertThat(p.max()).isEqualTo(3_000_000);
        assertThat(first).containsExactly(3_000_000, 1_000_000);
    }

    @Test
    void aPercentileOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> Percentiles.of(ONE_TO_HUNDRED).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(ONE_TO_HUNDRED).at(1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
