package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodSourcesTest {
    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final Map<String, Secret> secrets = new HashMap<>();
    private final ConfigLookup lookup = new ConfigLookup() {
        @Override
        public Optional<ConfigMap> configMap(String namespace, String name) {
            return Optional.ofNullable(configMaps.get(namespace + "/" + name));
        }

        @Override
        public Optional<Secret> secret(String namespace, String name) {
            return Optional.ofNullable(secrets.get(namespace + "/" + name));
        }
    };

    private void configMap(String name, Map<String, String> data) {
        configMaps.put(
                "ns/" + name,
                new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("ns")
                        .endMetadata()
                        .withData(data)
                        .build());
    }

    private void secret(String name, Map<String, String> plain) {
        Map<String, String> data = new HashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(
                "ns/" + name,
                new SecretBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("ns")
                        .endMetadata()
                        .withData(data)
                        .build());
    }

    private static Pod pod(List<Volume> volumes, Container c) {
        return new PodBuilder()
                .withNewMetadata()
                .withName("p")
                .withNamespace("ns")
                .endMetadata()
                .withNewSpec()
                .withVolumes(volumes)
                .withContainers(c)
                .endSpec()
                .build();
    }

    private static Container plain() {
        return new ContainerBuilder().withName("main").withImage("x").build();
    }

    private static String text(VolumeContent.File f) {
        return new String(f.data(), StandardCharsets.UTF_8);
    }

    @Test
    void aConfigMapVolumeHoldsEveryKeyWithTheDefaultModeOr0644() throws Exception {
        configMap("cfg", Map.of("a.conf", "A", "b.conf", "B"));
        Volume all = new VolumeBuilder()
                .withName("all")
                .withNewConfigMap()
                .withName("cfg")
                .endConfigMap()
                .build();
        Volume modal = new VolumeBuilder()
                .withName("modal")
                .withNewConfigMap()
                .withName("cfg")
                .withDefaultMode(0440)
                .endConfigMap()
                .build();

        List<VolumeContent> v = PodSources.volumes(pod(List.of(all, modal), plain()), lookup);

        assertThat(v).extracting(VolumeContent::volume).containsExactly("all", "modal");
        assertThat(v.get(0).files()).containsOnlyKeys("a.conf", "b.conf");
        assertThat(v.get(0).files().get("a.conf").mode()).isEqualTo(0644);
        assertThat(text(v.get(0).files().get("b.conf"))).isEqualTo("B");
        assertThat(v.get(1).files().get("a.conf").mode()).isEqualTo(0440);
    }

    @Test
    void itemsPutOnlyTheirKeysAtTheirPathsWithTheirModes() throws Exception {
        secret("tls", Map.of("tls.key", "KEY", "tls.crt", "CRT", "other", "x"));
        Volume v = new VolumeBuilder()
                .withName("certs")
                .withNewSecret()
                .withSecretName("tls")
                .withDefaultMode(0444)
                .addNewItem()
                .withKey("tls.key")
                .withPath("private/server.key")
                .withMode(0400)
                .endItem()
                .addNewItem()
                .withKey("tls.crt")
                .withPath("server.crt")
                .endItem()
                .endSecret()
                .build();

        VolumeContent c = PodSources.volumes(pod(List.of(v), plain()), lookup).get(0);

        assertThat(c.files()).containsOnlyKeys("private/server.key", "server.crt");
        assertThat(text(c.files().get("private/server.key"))).isEqualTo("KEY");
        assertThat(c.files().get("private/server.key").mode()).isEqualTo(0400);
        assertThat(c.files().get("server.crt").mode()).isEqualTo(0444);
    }

    @Test
    void aMissingSourceOrKeyIsRefusedWithTheKubeletsMessageUnlessOptional() throws Exception {
        Volume cm = new VolumeBuilder()
                .withName("cfg")
                .withNewConfigMap()
                .withName("absent")
                .endConfigMap()
                .build();
        assertThatThrownBy(() -> PodSources.volumes(pod(List.of(cm), plain()), lookup))
                .isInstanceOf(PodSources.Missing.class)
                .hasMessage("configmap \"absent\" not found");

        Volume s = new VolumeBuilder()
                .withName("sec")
                .withNewSecret()
                .withSecretName("absent")
                .endSecret()
                .build();
        assertThatThrownBy(() -> PodSources.volumes(pod(List.of(s), plain()), lookup))
                .hasMessage("secret \"absent\" not found");

        configMap("cfg", Map.of("a", "1"));
        Volume item = new VolumeBuilder()
                .withName("cfg")
                .withNewConfigMap()
                .withName("cfg")
                .addNewItem()
                .withKey("nope")
                .withPath("nope")
                .endItem()
                .endConfigMap()
                .build();
        assertThatThrownBy(() -> PodSources.volumes(pod(List.of(item), plain()), lookup))
                .hasMessage("configmap references non-existent config key: nope");

        Volume optional = new VolumeBuilder()
                .withName("opt")
                .withNewConfigMap()
                .withName("absent")
                .withOptional(true)
                .endConfigMap()
                .build();
        assertThat(PodSources.volumes(pod(List.of(optional), plain()), lookup)
                        .get(0)
                        .files())
                .isEmpty();
    }

    @Test
    void envFromComesWithItsPrefixAndKeyRefsByName() throws Exception {
        configMap("cfg", Map.of("LEVEL", "info", "MODE", "fast"));
        secret("creds", Map.of("password", "s3cret"));
        Container c = new ContainerBuilder()
                .withName("main")
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName("cfg")
                .endConfigMapRef()
                .endEnvFrom()
                .addNewEnvFrom()
                .withPrefix("DB_")
                .withNewSecretRef()
                .withName("creds")
                .endSecretRef()
                .endEnvFrom()
                .addNewEnv()
                .withName("PASSWORD")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("password")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .addNewEnv()
                .withName("MAYBE")
                .withNewValueFrom()
                .withNewConfigMapKeyRef()
                .withName("cfg")
                .withKey("missing")
                .withOptional(true)
                .endConfigMapKeyRef()
                .endValueFrom()
                .endEnv()
                .build();

        PodSources.Env env = PodSources.env(pod(List.of(), c), c, lookup);

        assertThat(env.env().fromEnvFrom())
                .containsExactly(
                        Map.entry("LEVEL", "info"), Map.entry("MODE", "fast"), Map.entry("DB_password", "s3cret"));
        assertThat(env.env().fromRefs()).containsExactly(Map.entry("PASSWORD", "s3cret"));
        assertThat(env.warnings()).isEmpty();
    }

    @Test
    void envFromKeysThatAreNoVariableNamesAreSkippedWithTheKubeletsWarning() throws Exception {
        configMap("cfg", Map.of("GOOD", "1", "a=b", "2", "tab\tkey", "3"));
        Container c = new ContainerBuilder()
                .withName("main")
                .addNewEnvFrom()
                .withNewConfigMapRef()
                .withName("cfg")
                .endConfigMapRef()
                .endEnvFrom()
                .build();

        PodSources.Env env = PodSources.env(pod(List.of(), c), c, lookup);

        assertThat(env.env().fromEnvFrom()).containsOnlyKeys("GOOD");
        assertThat(env.warnings())
                .containsExactly("Keys [a=b, tab\tkey] from the EnvFrom configMap ns/cfg were skipped since they are"
                        + " considered invalid environment variable names.");
    }

    @Test
    void aMissingEnvSourceOrKeyNamesWhatIsMissing() {
        configMap("cfg", Map.of("a", "1"));
        Container missingKey = new ContainerBuilder()
                .withName("main")
                .addNewEnv()
                .withName("X")
                .withNewValueFrom()
                .withNewConfigMapKeyRef()
                .withName("cfg")
                .withKey("k")
                .endConfigMapKeyRef()
                .endValueFrom()
                .endEnv()
                .build();
        assertThatThrownBy(() -> PodSources.env(pod(List.of(), missingKey), missingKey, lookup))
                .hasMessage("couldn't find key k in ConfigMap ns/cfg");

        Container missingSecret = new ContainerBuilder()
                .withName("main")
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName("creds")
                .endSecretRef()
                .endEnvFrom()
                .build();
        assertThatThrownBy(() -> PodSources.env(pod(List.of(), missingSecret), missingSecret, lookup))
                .hasMessage("secret \"creds\" not found");
    }

    @Test
    void aPodIsIndexedByEveryConfigMapAndSecretItNames() {
        Volume v = new VolumeBuilder()
                .withName("cfg")
                .withNewConfigMap()
                .withName("cfg")
                .endConfigMap()
                .build();
        Container c = new ContainerBuilder()
                .withName("main")
                .addNewEnv()
                .withName("X")
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName("creds")
                .withKey("k")
                .endSecretKeyRef()
                .endValueFrom()
                .endEnv()
                .build();

        assertThat(PodSources.references(pod(List.of(v), c)))
                .containsExactlyInAnyOrder("configmap/ns/cfg", "secret/ns/creds");
    }
}
