package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectedSourcesTest {
    /** The volume the ServiceAccount admission adds to pods. */
    private static final String KUBE_API_ACCESS = """
            {"name":"kube-api-access-x7k2p","projected":{"sources":[
              {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
              {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
              {"downwardAPI":{"items":[{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"},"path":"namespace"}]}}
            ],"defaultMode":420}}""";

    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final List<String> asked = new ArrayList<>();
    private final ConfigLookup lookup = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(configMaps.get(namespace + "/" + name));
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.empty();
        }
    };
    private final PodSources.TokenSource tokens = (volume, audience, seconds) -> {
        asked.add(volume + " " + audience + " " + seconds);
        return "the-token".getBytes(StandardCharsets.UTF_8);
    };

    private static Pod pod(String volumeJson) {
        return Json.convert(
                Json.parse(("{\"metadata\":{\"name\":\"web\",\"namespace\":\"team\",\"uid\":\"u1\","
                                + "\"labels\":{\"b\":\"2\",\"a\":\"1\"}},\"spec\":{\"serviceAccountName\":\"builder\","
                                + "\"nodeName\":\"node-1\",\"volumes\":[" + volumeJson + "],"
                                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}")
                        .getBytes(StandardCharsets.UTF_8)),
                Pod.class);
    }

    private void rootCa() {
        configMaps.put(
                "team/kube-root-ca.crt",
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("kube-root-ca.crt")
                        .withNamespace("team")
                        .endMetadata()
                        .withData(Map.of("ca.crt", "-----BEGIN CERTIFICATE-----\n"))
                        .build());
    }

    private static String text(VolumeContent.File f) {
        return new String(f.data(), StandardCharsets.UTF_8);
    }

    @Test
    void theApiAccessVolumeHoldsTokenCaAndNamespaceWithTheVolumesMode() throws Exception {
        rootCa();

        VolumeContent v =
                PodSources.volumes(pod(KUBE_API_ACCESS), lookup, tokens).get(0);

        assertThat(v.volume()).isEqualTo("kube-api-access-x7k2p");
        assertThat(v.files()).containsOnlyKeys("token", "ca.crt", "namespace");
        assertThat(text(v.files().get("token"))).isEqualTo("the-token");
        assertThat(text(v.files().get("ca.crt"))).isEqualTo("-----BEGIN CERTIFICATE-----\n");
        assertThat(text(v.files().get("namespace"))).isEqualTo("team");
        assertThat(v.files().values()).allMatch(f -> f.mode() == 0644);
        assertThat(asked).containsExactly("kube-api-access-x7k2p null 3607");
    }

    @Test
    void aMissingRootCaConfigMapKeepsTheVolumeFromBeingSetUp() {
        assertThatThrownBy(() -> PodSources.volumes(pod(KUBE_API_ACCESS), lookup, tokens))
                .isInstanceOfSatisfying(
                        PodSources.Missing.class, m -> assertThat(m.volume()).isEqualTo("kube-api-access-x7k2p"))
                .hasMessage("configmap \"kube-root-ca.crt\" not found");
    }

    @Test
    void downwardApiItemsWritePodFieldsAndSortedLabels() throws Exception {
        String volume = """
                {"name":"info","projected":{"sources":[{"downwardAPI":{"items":[
                  {"path":"name","fieldRef":{"fieldPath":"metadata.name"}},
                  {"path":"labels","fieldRef":{"fieldPath":"metadata.labels"},"mode":256},
                  {"path":"node","fieldRef":{"fieldPath":"spec.nodeName"}}]}},
                  {"serviceAccountToken":{"path":"vault-token","audience":"vault"}}]}}""";

        VolumeContent v = PodSources.volumes(pod(volume), lookup, tokens).get(0);

        assertThat(text(v.files().get("name"))).isEqualTo("web");
        assertThat(text(v.files().get("labels"))).isEqualTo("a=\"1\"\nb=\"2\"");
        assertThat(v.files().get("labels").mode()).isEqualTo(0400);
        assertThat(text(v.files().get("node"))).isEqualTo("node-1");
        assertThat(asked).containsExactly("info vault 3600");
    }

    @Test
    void aPodIsIndexedByTheConfigMapsItsProjectedVolumesName() {
        assertThat(PodSources.references(pod(KUBE_API_ACCESS))).containsExactly("configmap/team/kube-root-ca.crt");
    }

    @Test
    void withoutATokenSourceTheTokenCannotBeFetched() {
        rootCa();

        assertThatThrownBy(() -> PodSources.volumes(pod(KUBE_API_ACCESS), lookup))
                .isInstanceOf(PodSources.Missing.class)
                .hasMessageStartingWith("failed to fetch token");
    }
}
