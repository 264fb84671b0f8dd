package io.everynode.agent.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetnsPlanTest {
    private final NetnsPlan plan = new NetnsPlan("1a2b3c", 42);

    @Test
    void namesAndAddressesFollowTheTagTheIndexAndTheClusterOctet() {
        assertThat(plan.bridge()).isEqualTo("en1a2b3c");
        assertThat(plan.namespace(1)).isEqualTo("en-1a2b3c-1");
        assertThat(plan.hostVeth(2)).isEqualTo("en1a2b3ch2");
        assertThat(plan.peerVeth(2)).isEqualTo("en1a2b3cp2");
        assertThat(plan.subnet()).isEqualTo("10.123.42.0/24");
        assertThat(plan.hostIP()).isEqualTo("10.123.42.1");
        assertThat(plan.nodeIP(1)).isEqualTo("10.123.42.2");
        assertThat(plan.nodeIP(253)).isEqualTo("10.123.42.254");
    }

    @Test
    void everyLinkNameFitsTheKernelLimitOfFifteenCharactersUpToTheLastNode() {
        int last = NetnsPlan.MAX_NODES;
        assertThat(plan.hostVeth(last).length()).isLessThanOrEqualTo(15);
        assertThat(plan.peerVeth(last).length()).isLessThanOrEqualTo(15);
        assertThat(plan.bridge().length()).isLessThanOrEqualTo(15);
        assertThat(plan.namespace(last).length()).isLessThanOrEqualTo(15);
    }

    @Test
    void nodeIndexesOutsideOneToTwoHundredFiftyThreeAreRefused() {
        assertThatThrownBy(() -> plan.nodeIP(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> plan.namespace(254)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameClusterIdAlwaysGivesTheSamePlanAndDifferentIdsDifferentTags() {
        assertThat(NetnsPlan.of("/data/one")).isEqualTo(NetnsPlan.of("/data/one"));
        assertThat(NetnsPlan.of("/data/one").tag())
                .isNotEqualTo(NetnsPlan.of("/data/two").tag());
        assertThat(NetnsPlan.of("/data/one").tag()).matches("[0-9a-f]{6}");
    }

    @Test
    void aDataDirectoryGivesTheSameClusterIdHoweverItIsSpelled() {
        java.nio.file.Path dir = java.nio.file.Path.of("target").toAbsolutePath();
        assertThat(NodeNetworks.clusterIdOf(dir.resolve("x/..")))
                .isEqualTo(NodeNetworks.clusterIdOf(dir))
                .isEqualTo(NodeNetworks.clusterIdOf(java.nio.file.Path.of("target")));
    }

    @ParameterizedTest(name = "{0} is ours: {1}")
    @CsvSource({
        "en1a2b3c, true",
        "en1a2b3ch1, true",
        "en1a2b3cp253, true",
        "en1a2b3cx1, false",
        "en1a2b3ch, false",
        "en1a2b3dh1, false",
        "enchk123b, false",
        "eth0, false",
    })
    void cleanUpTakesOnlyLinksOfItsOwnCluster(String link, boolean ours) {
        assertThat(plan.ownsLink(link)).isEqualTo(ours);
    }

    @ParameterizedTest(name = "{0} is ours: {1}")
    @CsvSource({
        "en-1a2b3c-1, true",
        "en-1a2b3c-17, true",
        "en-1a2b3c-, false",
        "en-1a2b3d-1, false",
        "en-chk-123, false",
        "en-1a2b3c-1x, false",
    })
    void cleanUpTakesOnlyNamespacesOfItsOwnCluster(String namespace, boolean ours) {
        assertThat(plan.ownsNamespace(namespace)).isEqualTo(ours);
    }
}
