package io.everynode.api.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntOrPercentTest {

    /** R5.2 examples (TestGetUnavailableNumbers) and more. */
    @ParameterizedTest(name = "[{index}] {0} of {1} = {2}")
    @CsvSource({
        "1, 2, 1",
        "0, 2, 0",
        "50%, 2, 1",
        "100%, 2, 2",
        "50%, 3, 2",
        "10%, 5000, 500",
        "10%, 1, 1",
        "0%, 7, 0",
        "1%, 0, 0"
    })
    void percentagesScaleRoundingUp(String value, int total, int expected) {
        IntOrString v = value.endsWith("%") ? new IntOrString(value) : new IntOrString(Integer.parseInt(value));
        assertThat(IntOrPercent.scaled(v, total, true)).isEqualTo(expected);
    }

    @Test
    void roundingDownIsAvailableToo() {
        assertThat(IntOrPercent.scaled(new IntOrString("50%"), 3, false)).isEqualTo(1);
    }

    @Test
    void aMalformedPercentageIsAnError() {
        assertThatThrownBy(() -> IntOrPercent.scaled(new IntOrString("ten"), 3, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid value \"ten\"");
    }
}
