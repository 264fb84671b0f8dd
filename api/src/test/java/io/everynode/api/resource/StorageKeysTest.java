package io.everynode.api.resource;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StorageKeysTest {

    @Test
    void everyStoredBuiltInHasUpstreamsPrefixAsTheGoldenTableLists() throws IOException {
        assertThat(StorageKeys.builtInTable()).containsExactlyEntriesOf(golden());
    }

    @Test
    void noBucketIsAPrefixOfAnotherBucketsKeys() {
        List<String> buckets = new ArrayList<>(StorageKeys.builtInTable().values());
        buckets.add(StorageKeys.NODE_USAGES);
        buckets.add(StorageKeys.prefix("example.everynode.io", "widgets"));
        buckets.add(StorageKeys.prefix("gateway.networking.k8s.io", "gateways"));
        for (String a : buckets) {
            assertThat(a).endsWith("/");
            for (String b : buckets) {
                if (a != b) assertThat(b).as("%s lies under %s", b, a).doesNotStartWith(a);
            }
        }
    }

    @Test
    void everyBucketIsFoundFromItsKeysAndNamesItsResource() {
        for (ResourceType t : ResourceTypes.all()) {
            if (!t.persisted()) continue;
            String key = t.key("kube-system", "a.b-c");
            assertThat(StorageKeys.bucketOf(key)).as(key).isEqualTo(t.keyPrefix());
            assertThat(StorageKeys.resourceOf(t.keyPrefix()))
                    .isEqualTo(new StorageKeys.GroupResource(t.group(), t.resource()));
        }
    }

    @Test
    void theFormerLayoutNeverOverlapsTheNewOne() {
        for (ResourceType t : ResourceTypes.all()) {
            if (!t.persisted() || StorageKeys.GROUP_PREFIXED.contains(t.group())) continue;
            String former = StorageKeys.formerPrefix(t.group(), t.resource());
            assertThat(former).isNotEqualTo(t.keyPrefix());
            for (String now : StorageKeys.builtInTable().values()) {
                assertThat(former).doesNotStartWith(now);
                assertThat(now).doesNotStartWith(former);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "/registry/pods/default/web-1, /registry/pods/",
                "/registry/daemonsets/kube-system/agent, /registry/daemonsets/",
                "/registry/minions/node-1, /registry/minions/",
                "/registry/services/specs/default/kubernetes, /registry/services/specs/",
                "/registry/services/endpoints/default/kubernetes, /registry/services/endpoints/",
                "/registry/serviceaccounts/default/default, /registry/serviceaccounts/",
                "/registry/ingress/default/web, /registry/ingress/",
                "/registry/ingressclasses/nginx, /registry/ingressclasses/",
                "/registry/example.everynode.io/widgets/w1, /registry/example.everynode.io/widgets/",
                "/registry/apiextensions.k8s.io/customresourcedefinitions/w.example.io,"
                        + " /registry/apiextensions.k8s.io/customresourcedefinitions/",
                "/registry/everynode-nodeusages/n1, /registry/everynode-nodeusages/",
                "/registry/pods, null",
                "/registry/services/specs, null",
                "/registry/example.everynode.io/widgets, null",
                "/other/pods/default/web-1, null"
            })
    void aKeysBucketIsItsResourcesPrefix(String key, String bucket) {
        assertThat(StorageKeys.bucketOf(key)).isEqualTo(bucket);
    }

    @ParameterizedTest
    @CsvSource({
        "example.everynode.io, widgets, /registry/example.everynode.io/widgets/",
        "gateway.networking.k8s.io, gateways, /registry/gateway.networking.k8s.io/gateways/",
        "networking.k8s.io, ingresses, /registry/ingress/",
        "'', nodes, /registry/minions/"
    })
    void aCustomResourceIsKeptUnderItsGroupAndABuiltInUnderUpstreamsName(String group, String resource, String prefix) {
        assertThat(StorageKeys.prefix(group, resource)).isEqualTo(prefix);
    }

    private static Map<String, String> golden() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = StorageKeysTest.class.getResourceAsStream("storage-keys.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cells = line.split(",");
                out.put(cells[0].trim(), cells[1].trim());
            }
        }
        return out;
    }
}
