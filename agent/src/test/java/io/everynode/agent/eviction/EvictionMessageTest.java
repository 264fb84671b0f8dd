package io.everynode.agent.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class EvictionMessageTest {
    private static final long MI = 1L << 20;

    @Test
    void theMessageNamesTheThresholdTheAvailableMemoryAndTheContainerOverItsRequest() {
        Pod p = EvictionRankingTest.pod("hog", 0, 0, 300).pod();
        p.getSpec().getContainers().get(0).setName("x");
        assertThat(EvictionMessage.of(p, 300 * MI, 100 * MI, 42 * MI))
                .isEqualTo(
                        "The node was low on resource: memory. "
                                + "Threshold quantity: 100Mi, available: 42Mi. Container x was using 300Mi, request is 0, has larger consumption of memory. ");
    }

    @Test
    void aContainerWithinItsRequestIsNotNamed() {
        Pod p = EvictionRankingTest.pod("fit", 500, 0, 300).pod();
        assertThat(EvictionMessage.of(p, 300 * MI, 100 * MI, 42 * MI))
                .isEqualTo("The node was low on resource: memory. Threshold quantity: 100Mi, available: 42Mi. ");
    }

    @Test
    void aContainerOverItsRequestShowsTheRequest() {
        Pod p = EvictionRankingTest.pod("over", 128, 0, 300).pod();
        assertThat(EvictionMessage.of(p, 300 * MI, 100 * MI, 0))
                .endsWith("Container main was using 300Mi, request is 128Mi, has larger consumption of memory. ");
    }

    @Test
    void aPodOfSeveralContainersNamesNone() {
        Pod p = new PodBuilder(EvictionRankingTest.pod("two", 0, 0, 300).pod())
                .editSpec()
                .addNewContainer()
                .withName("side")
                .withImage("x")
                .endContainer()
                .endSpec()
                .build();
        assertThat(EvictionMessage.of(p, 300 * MI, 100 * MI, 42 * MI)).doesNotContain("Container");
    }
}
