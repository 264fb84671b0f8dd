package io.everynode.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDurationTest {

    @ParameterizedTest(name = "{0} ms prints as {1}")
    @CsvSource({
        "-3000, <invalid>",
        "-2000, <invalid>",
        "-1500, 0s",
        "-1000, 0s",
        "0, 0s",
        "999, 0s",
        "59000, 59s",
        "119999, 119s",
        "120000, 2m",
        "121000, 2m1s",
        "599000, 9m59s",
        "600000, 10m",
        "10799000, 179m",
        "10800000, 3h",
        "10920000, 3h2m",
        "28740000, 7h59m",
        "28800000, 8h",
        "172799000, 47h",
        "172800000, 2d",
        "190800000, 2d5h",
        "691200000, 8d",
        "62985600000, 729d",
        "63072000000, 2y",
        "94608000000, 3y",
        "95472000000, 3y10d",
        "252288000000, 8y",
        "315360000000, 10y",
    })
    void durationsPrintWithKubectlPrecision(long millis, String expected) {
        assertThat(HumanDuration.of(Duration.ofMillis(millis))).isEqualTo(expected);
    }

    @Test
    void aMissingDurationIsUnknown() {
        assertThat(HumanDuration.of(null)).isEqualTo("<unknown>");
    }
}
