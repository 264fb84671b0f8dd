package io.everynode.agent.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.agent.container.ImageSource;
import io.everynode.agent.container.ImageUnavailable;
import io.everynode.agent.container.PreparedImage;
import io.everynode.images.ImageStore;
import io.everynode.images.Platform;
import io.everynode.images.SpecialFiles;
import io.everynode.images.registry.DockerConfig;
import io.everynode.images.registry.RegistryClient;
import io.everynode.images.registry.RegistryHosts;
import io.everynode.images.registry.RegistryPuller;
import io.everynode.testkit.ManualClock;
import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.TestRegistry;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreImageSourceIT {
    @TempDir
    Path tmp;

    private final Map<String, Secret> secrets = new HashMap<>();
    private StoreImageSource source;

    @BeforeEach
    void setUp() {
        assumeTrue(
                TestRegistry.unavailable().isEmpty(), TestRegistry.unavailable().orElse(""));
        ImageStore store =
                new ImageStore(tmp.resolve("store"), Platform.current(), SpecialFiles.commands(), new ManualClock());
        RegistryPuller puller = new RegistryPuller(
                store, new RegistryClient(RegistryClient.defaultHttpClient(), RegistryHosts.secureOnly()));
        source = new StoreImageSource(
                store, puller, (ns, name) -> Optional.ofNullable(secrets.get(ns + "/" + name)), DockerConfig.empty());
    }

    private static OciImage image(String marker) {
        return OciImage.builder()
                .layer(new Layer().busybox())
                .layer(new Layer().file("marker", marker, 0644))
                .entrypoint("/bin/sh", "-c")
                .cmd("cat /marker")
                .env("A=1=2")
                .workingDir("/tmp")
                .user("65534")
                .build();
    }

    private static Pod pod(String... pullSecrets) {
        PodBuilder b = new PodBuilder()
                .withNewMetadata()
                .withNamespace("ns")
                .withName("p")
                .endMetadata()
                .withNewSpec()
                .endSpec();
        for (String s : pullSecrets) b.editSpec().addNewImagePullSecret(s).endSpec();
        return b.build();
    }

    private static Container container(String image, String policy) {
        return new ContainerBuilder()
                .withName("c")
                .withImage(image)
                .withImagePullPolicy(policy)
                .build();
    }

    @Test
    void ifNotPresentPullsOnceAndAnswersTheImagesConfigAndLayers() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            String digest = registry.push("app", "1", image("v1"));
            String ref = registry.host() + "/app:1";

            PreparedImage prepared = source.prepare(pod(), container(ref, "IfNotPresent"));

            assertThat(prepared.image()).isEqualTo(ref);
            assertThat(prepared.imageID()).isEqualTo(registry.host() + "/app@" + digest);
            assertThat(prepared.entrypoint()).containsExactly("/bin/sh", "-c");
            assertThat(prepared.cmd()).containsExactly("cat /marker");
            assertThat(prepared.env()).containsEntry("A", "1=2");
            assertThat(prepared.workingDir()).isEqualTo("/tmp");
            assertThat(prepared.user()).isEqualTo("65534");
            assertThat(Files.readString(prepared.layers().get(1).resolve("marker")))
                    .isEqualTo("v1");

            registry.push("app", "1", image("v2"));
            assertThat(source.prepare(pod(), container(ref, "IfNotPresent")).imageID())
                    .isEqualTo(prepared.imageID());
            PreparedImage always = source.prepare(pod(), container(ref, "Always"));
            assertThat(Files.readString(always.layers().get(1).resolve("marker")))
                    .isEqualTo("v2");
            assertThat(StoreImageSource.digestOfImageId(always.imageID())
                            .orElseThrow()
                            .toString())
                    .isNotEqualTo(digest);
        }
    }

    /** Records what a source tells of its pulls. */
    private static final class Told implements ImageSource.Progress {
        final List<String> said = new java.util.ArrayList<>();

        @Override
        public void pulling() {
            said.add("pulling");
        }

        @Override
        public void fetching() {
            said.add("fetching");
        }

        @Override
        public void pulled(long size) {
            said.add("pulled " + size);
        }
    }

    @Test
    void aPullIsToldAsItBeginsHasItsTurnAndEndsWithTheImagesSizeAndAnImagePresentTellsNothing() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            OciImage v1 = image("v1");
            registry.push("app", "1", v1);
            String ref = registry.host() + "/app:1";
            long size = v1.config().bytes().length
                    + v1.layers().stream().mapToLong(l -> l.bytes().length).sum();

            Told first = new Told();
            source.prepare(pod(), container(ref, "IfNotPresent"), first);
            assertThat(first.said).containsExactly("pulling", "fetching", "pulled " + size);

            Told present = new Told();
            source.prepare(pod(), container(ref, "IfNotPresent"), present);
            assertThat(present.said).isEmpty();

            Told always = new Told();
            source.prepare(pod(), container(ref, "Always"), always);
            assertThat(always.said).containsExactly("pulling", "fetching", "pulled " + size);

            Told failed = new Told();
            assertThatThrownBy(() -> source.prepare(pod(), container(registry.host() + "/app:2", "Always"), failed))
                    .isInstanceOf(ImageUnavailable.class);
            assertThat(failed.said).containsExactly("pulling", "fetching");
        }
    }

    @Test
    void neverUsesOnlyWhatTheStoreHas() throws Exception {
        assertThatThrownBy(() -> source.prepare(pod(), container("example.com/absent:1", "Never")))
                .isInstanceOfSatisfying(
                        ImageUnavailable.class, e -> assertThat(e.reason()).isEqualTo("ErrImageNeverPull"))
                .hasMessage("Container image \"example.com/absent:1\" is not present with pull policy of Never");
        String ref;
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            registry.push("app", "1", image("x"));
            ref = registry.host() + "/app:1";
            source.prepare(pod(), container(ref, "IfNotPresent"));
        }
        // the registry is gone: Never (and IfNotPresent) run what the store has, offline
        assertThat(source.prepare(pod(), container(ref, "Never")).layers()).hasSize(2);
        assertThat(source.prepare(pod(), container(ref, "IfNotPresent")).layers())
                .hasSize(2);
    }

    @Test
    void anInvalidNameAndAFailedPullSayWhy() throws Exception {
        assertThatThrownBy(() -> source.prepare(pod(), container("Not/Valid", "IfNotPresent")))
                .isInstanceOfSatisfying(
                        ImageUnavailable.class, e -> assertThat(e.reason()).isEqualTo("InvalidImageName"));
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            String ref = registry.host() + "/late:1";
            assertThatThrownBy(() -> source.prepare(pod(), container(ref, "IfNotPresent")))
                    .isInstanceOfSatisfying(
                            ImageUnavailable.class, e -> assertThat(e.reason()).isEqualTo("ErrImagePull"))
                    .hasMessageEndingWith(ref + ": not found");
            registry.push("late", "1", image("late"));
            assertThat(source.prepare(pod(), container(ref, "IfNotPresent")).layers())
                    .hasSize(2);
        }
    }

    @Test
    void imagePullSecretsOfEitherTypeAuthorizeThePull() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"), "carol", "pw1")) {
            registry.push("private", "1", image("p"));
            String ref = registry.host() + "/private:1";
            assertThatThrownBy(() -> source.prepare(pod(), container(ref, "Always")))
                    .hasMessageContaining("401 Unauthorized");

            String auth = Base64.getEncoder().encodeToString("carol:pw1".getBytes(StandardCharsets.UTF_8));
            String cfg = "{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}";
            secrets.put("ns/wrong-type", secret("wrong-type", "Opaque", ".dockerconfigjson", "{}"));
            secrets.put(
                    "ns/json",
                    secret("json", "kubernetes.io/dockerconfigjson", ".dockerconfigjson", "{\"auths\":" + cfg + "}"));
            secrets.put("ns/cfg", secret("cfg", "kubernetes.io/dockercfg", ".dockercfg", cfg));

            assertThat(source.prepare(pod("missing", "wrong-type", "json"), container(ref, "Always"))
                            .layers())
                    .hasSize(2);
            assertThat(source.prepare(pod("cfg"), container(ref, "Always")).layers())
                    .hasSize(2);
        }
    }

    private static Secret secret(String name, String type, String key, String json) {
        return new SecretBuilder()
                .withNewMetadata()
                .withNamespace("ns")
                .withName(name)
                .endMetadata()
                .withType(type)
                .withData(Map.of(key, Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
