package io.everynode.api.qos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {

    @ParameterizedTest(name = "[{index}] cpu {0} = {1}m")
    @CsvSource({"100m, 100", "1, 1000", "0.5, 500", "2500m, 2500", "0.0001, 1"})
    void cpuIsCountedInMillicoresRoundedUp(String q, long millis) {
        assertThat(Resources.cpuMillis(new Quantity(q))).isEqualTo(millis);
    }

    @ParameterizedTest(name = "[{index}] memory {0} = {1} bytes")
    @CsvSource({"64Mi, 67108864", "1Gi, 1073741824", "1G, 1000000000", "128974848, 128974848", "1k, 1000"})
    void memoryIsCountedInBytes(String q, long bytes) {
        assertThat(Resources.bytes(new Quantity(q))).isEqualTo(bytes);
    }

    /** Same container DSL as QosClassesTest. */
    @ParameterizedTest(name = "[{index}] {0} -> cpu {1}m memory {2}")
    @CsvSource(delimiter = '!', textBlock = """
            cpu=100m,memory=64Mi/ | cpu=200m/                               ! 300 ! 67108864
            init:cpu=1/ | cpu=100m/ | cpu=200m/                             ! 1000 ! 0
            init:cpu=100m,memory=1Gi/ | cpu=200m,memory=64Mi/               ! 200 ! 1073741824
            /                                                               ! 0 ! 0
            """)
    void podRequestsAreTheMaxOfInitContainersAndTheSumOfContainers(String containers, long cpu, long memory) {
        var spec = QosClassesTest.pod(containers).getSpec();
        assertThat(Resources.podCpuMillis(spec)).isEqualTo(cpu);
        assertThat(Resources.podMemoryBytes(spec)).isEqualTo(memory);
    }

    @Test
    void aMalformedQuantityIsRejected() {
        assertThatThrownBy(() -> Resources.parse("abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quantities must match the regular expression");
    }
}
