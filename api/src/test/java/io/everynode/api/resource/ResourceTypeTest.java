package io.everynode.api.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTypeTest {
    @ParameterizedTest
    @CsvSource({"default, web-1", "kube-system, agent"})
    void everyBuiltInKeyLiesInItsTypesBucket(String namespace, String name) {
        for (ResourceType t : ResourceTypes.all()) {
            assertThat(ResourceType.bucketOf(t.key(namespace, name))).isEqualTo(t.keyPrefix());
        }
    }

    @ParameterizedTest
    @CsvSource({"default, /registry/daemonsets/default/", ", /registry/daemonsets/"})
    void aListReadsANamespacesKeysOrAllOfThem(String namespace, String prefix) {
        assertThat(ResourceTypes.DAEMONSETS.listPrefix(namespace)).isEqualTo(prefix);
    }
}
