package io.everynode.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoDurationTest {
    @Test
    void durationsReadAsGoPrintsThem() {
        assertThat(GoDuration.format(0)).isEqualTo("0s");
        assertThat(GoDuration.format(999)).isEqualTo("999ns");
        assertThat(GoDuration.format(1_500)).isEqualTo("1.5µs");
        assertThat(GoDuration.format(1_500_000)).isEqualTo("1.5ms");
        assertThat(GoDuration.format(30_000_000_000L)).isEqualTo("30s");
        assertThat(GoDuration.format(90_500_000_000L)).isEqualTo("1m30.5s");
        assertThat(GoDuration.format(3_600_000_000_000L)).isEqualTo("1h0m0s");
        assertThat(GoDuration.format(-2_000_000_000L)).isEqualTo("-2s");
    }
}
