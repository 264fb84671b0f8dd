package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvictionConfigTest {

    @ParameterizedTest(name = "{0} on a 1Gi node is {1} bytes")
    @CsvSource(
            delimiter = '|',
            value = {
                "memory.available<100Mi | 104857600 | memory.available<100Mi",
                "memory.available<1Gi | 1073741824 | memory.available<1Gi",
                "memory.available<500M | 500000000 | memory.available<500000000",
                "memory.available<10% | 107374182 | memory.available<10%",
                "memory.available<2.5% | 26843545 | memory.available<2.5%",
                "memory.available<100Mi,nodefs.available<10%,imagefs.available<15% | 104857600 | memory.available<100Mi",
                " memory.available<0 | 0 | memory.available<0"
            })
    void aHardThresholdIsAQuantityOrAPercentageOfCapacity(String flag, long bytes, String shown) {
        MemoryThreshold t = EvictionConfig.parseHard(flag);
        assertThat(t.bytes(1L << 30)).isEqualTo(bytes);
        assertThat(t).hasToString(shown);
    }

    @ParameterizedTest(name = "\"{0}\" is refused: {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "memory.available<lots | not a quantity",
                "memory.available<0% | above 0%",
                "memory.available<150% | at most 100%",
                "memory.available<-5Mi | must not be negative",
                "memory.free<100Mi | unknown eviction signal \"memory.free\"",
                "memory.available=100Mi | not a threshold",
                "nodefs.available<10% | no memory.available threshold"
            })
    void aBadHardThresholdIsRefusedWithAReason(String flag, String reason) {
        assertThatThrownBy(() -> EvictionConfig.parseHard(flag))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} bytes print as {1}")
    @CsvSource({"0,0", "1024,1Ki", "104857600,100Mi", "44040192,42Mi", "3485696,3404Ki", "1500,1500", "1073741824,1Gi"})
    void quantitiesPrintInCanonicalBinaryForm(long bytes, String text) {
        assertThat(Quantities.binary(bytes)).isEqualTo(text);
    }
}
