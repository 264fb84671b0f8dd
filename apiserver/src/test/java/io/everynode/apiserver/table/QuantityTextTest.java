package io.everynode.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTextTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "10Gi, 10Gi",
        "1024Mi, 1Gi",
        "1536Mi, 1536Mi",
        "2048Ki, 2Mi",
        "0.5Gi, 512Mi",
        "0.5Ki, 512",
        "1.5, 1500m",
        "500m, 500m",
        "1000m, 1",
        "1000, 1k",
        "1200, 1200",
        "100M, 100M",
        "0.1, 100m",
        "1e3, 1e3",
        "12e2, 1200",
        "0, 0",
        "0Gi, 0",
        "-2000m, -2",
        "2, 2",
    })
    void quantitiesPrintInTheirCanonicalForm(String written, String printed) {
        assertThat(QuantityText.of(written)).isEqualTo(printed);
        assertThat(QuantityText.of(new Quantity(written))).isEqualTo(printed);
    }

    @Test
    void anAbsentQuantityIsZeroAndTextThatIsNoQuantityPrintsAsWritten() {
        assertThat(QuantityText.of((Quantity) null)).isEqualTo("0");
        assertThat(QuantityText.of("lots")).isEqualTo("lots");
        assertThat(QuantityText.of("5Xi")).isEqualTo("5Xi");
        assertThat(QuantityText.of("1e99999999999")).isEqualTo("1e99999999999");
    }

    @Test
    void fractionsBelowANanoRoundUp() {
        assertThat(QuantityText.of("1.0000000001")).isEqualTo("1000000001n");
    }
}
