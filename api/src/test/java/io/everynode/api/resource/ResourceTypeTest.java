package io.everynode.api.resource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceTypeTest {
    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "/registry/core/pods/default/web-1, /registry/core/pods/",
                "/registry/apps/daemonsets/kube-system/agent, /registry/apps/daemonsets/",
                "/registry/core/nodes/node-1, /registry/core/nodes/",
                "/registry/example.everynode.io/widgets/w1, /registry/example.everynode.io/widgets/",
                "/registry/core/pods, null",
                "/other/core/pods/default/web-1, null"
            })
    void aKeysBucketIsItsFirstThreePathSegments(String key, String bucket) {
        assertThat(ResourceType.bucketOf(key)).isEqualTo(bucket);
    }

    @ParameterizedTest
    @CsvSource({"default, web-1", "kube-system, agent"})
    void everyBuiltInKeyLiesInItsTypesBucket(String namespace, String name) {
        for (ResourceType t : ResourceTypes.all()) {
            assertThat(ResourceType.bucketOf(t.key(namespace, name))).isEqualTo(t.keyPrefix());
        }
    }
}
