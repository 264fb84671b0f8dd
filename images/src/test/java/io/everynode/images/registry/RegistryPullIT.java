package io.everynode.images.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.images.ImageReference;
import io.everynode.images.ImageStore;
import io.everynode.images.Platform;
import io.everynode.images.SpecialFiles;
import io.everynode.images.StoredImage;
import io.everynode.testkit.ManualClock;
import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import io.everynode.testkit.images.RegistryProxy;
import io.everynode.testkit.images.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryPullIT {
    @TempDir
    Path tmp;

    private ImageStore store;
    private RegistryPuller puller;

    @BeforeEach
    void setUp() {
        assumeTrue(
                TestRegistry.unavailable().isEmpty(), TestRegistry.unavailable().orElse(""));
        store = new ImageStore(tmp.resolve("store"), Platform.current(), SpecialFiles.commands(), new ManualClock());
        puller = new RegistryPuller(
                store, new RegistryClient(RegistryClient.defaultHttpClient(), RegistryHosts.secureOnly()));
    }

    private static OciImage image(String marker) {
        return OciImage.builder()
                .layer(new Layer().busybox())
                .layer(new Layer().file("marker", marker, 0644))
                .cmd("cat", "/marker")
                .build();
    }

    @Test
    void anImagePullsByTagAndByDigestAndNamesWhatItPulled() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            OciImage image = image("one");
            String digest = registry.push("tools/box", "1", image);

            StoredImage byTag = puller.pull(ImageReference.parse(registry.host() + "/tools/box:1"), Optional.empty());
            StoredImage byDigest =
                    puller.pull(ImageReference.parse(registry.host() + "/tools/box@" + digest), Optional.empty());

            assertThat(byTag.digest().toString()).isEqualTo(digest);
            assertThat(byTag.config().cmd()).containsExactly("cat", "/marker");
            assertThat(Files.readString(byTag.layers().get(1).resolve("marker")))
                    .isEqualTo("one");
            assertThat(byDigest.layers()).isEqualTo(byTag.layers());
            assertThat(store.list())
                    .flatExtracting(StoredImage::names)
                    .containsExactlyInAnyOrder(
                            registry.host() + "/tools/box:1", registry.host() + "/tools/box@" + digest);
        }
    }

    @Test
    void anIndexYieldsTheNodesPlatformAndItsOtherPlatformIsNotFetched() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry)) {
            String arch = Platform.current().substring("linux/".length());
            String other = arch.equals("arm64") ? "amd64" : "arm64";
            OciImage mine = OciImage.builder()
                    .layer(new Layer().file("arch", arch, 0644))
                    .architecture(arch)
                    .build();
            OciImage theirs = OciImage.builder()
                    .layer(new Layer().file("arch", other, 0644))
                    .architecture(other)
                    .build();
            String index = registry.pushIndex("multi", "1", List.of(theirs, mine));

            StoredImage pulled = puller.pull(ImageReference.parse(proxy.host() + "/multi:1"), Optional.empty());

            assertThat(pulled.digest().toString()).isEqualTo(index);
            assertThat(pulled.manifest().toString()).isEqualTo(mine.manifest().digest());
            assertThat(Files.readString(pulled.layers().get(0).resolve("arch"))).isEqualTo(arch);
            assertThat(proxy.gets())
                    .noneMatch(p -> p.endsWith(theirs.manifest().digest())
                            || p.endsWith(theirs.layers().get(0).digest()));
        }
    }

    @Test
    void aLayerSharedByTwoImagesIsFetchedOnce() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry)) {
            OciImage one = image("one");
            OciImage two = image("two");
            registry.push("one", "1", one);
            registry.push("two", "1", two);

            StoredImage a = puller.pull(ImageReference.parse(proxy.host() + "/one:1"), Optional.empty());
            StoredImage b = puller.pull(ImageReference.parse(proxy.host() + "/two:1"), Optional.empty());

            assertThat(a.layers().get(0)).isEqualTo(b.layers().get(0));
            String base = one.layers().get(0).digest();
            assertThat(proxy.gets())
                    .filteredOn(p -> p.endsWith("/blobs/" + base))
                    .hasSize(1);
        }
    }

    @Test
    void twoPullsOfOneImageAtOnceFetchItOnceAndBothGetIt() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry)) {
            OciImage image = image("both");
            registry.push("same", "1", image);
            ImageReference ref = ImageReference.parse(proxy.host() + "/same:1");

            var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var first = pool.submit(() -> puller.pull(ref, Optional.empty()));
                var second = pool.submit(() -> puller.pull(ref, Optional.empty()));
                assertThat(first.get().layers()).isEqualTo(second.get().layers());
            } finally {
                pool.shutdownNow();
            }
            for (OciImage.Blob layer : image.layers()) {
                assertThat(proxy.gets())
                        .filteredOn(p -> p.endsWith("/blobs/" + layer.digest()))
                        .hasSize(1);
            }
        }
    }

    @Test
    void anUnknownRepositoryOrTagIsNotFound() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"))) {
            registry.push("known", "1", image("x"));
            for (String ref : List.of(registry.host() + "/unknown:1", registry.host() + "/known:2")) {
                ImageReference r = ImageReference.parse(ref);
                assertThatThrownBy(() -> puller.pull(r, Optional.empty()))
                        .isInstanceOf(PullFailed.class)
                        .hasMessage("failed to pull and unpack image \"" + r + "\": failed to resolve reference \"" + r
                                + "\": " + r + ": not found")
                        .matches(e -> ((PullFailed) e).notFound());
            }
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void aBlobThatIsNotItsDigestFailsThePullAndKeepsNothing() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry).tamperBlobs()) {
            OciImage image = image("x");
            registry.push("box", "1", image);

            assertThatThrownBy(() -> puller.pull(ImageReference.parse(proxy.host() + "/box:1"), Optional.empty()))
                    .isInstanceOf(PullFailed.class)
                    .hasMessageContaining("unexpected commit digest")
                    .hasMessageContaining("expected " + image.config().digest());
            assertThat(store.list()).isEmpty();
            assertThat(tmp.resolve("store/tmp")).isEmptyDirectory();
        }
    }

    @Test
    void aManifestThatIsNotThePinnedDigestFailsThePullByDigestAndByTagAndKeepsNothing() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry).tamperManifests()) {
            String digest = registry.push("box", "1", image("x"));

            assertThatThrownBy(
                            () -> puller.pull(ImageReference.parse(proxy.host() + "/box@" + digest), Optional.empty()))
                    .isInstanceOf(PullFailed.class)
                    .hasMessageContaining("expected " + digest + ": failed precondition");
            // By tag, the registry's Docker-Content-Digest is what the manifest must hash to.
            assertThatThrownBy(() -> puller.pull(ImageReference.parse(proxy.host() + "/box:1"), Optional.empty()))
                    .isInstanceOf(PullFailed.class)
                    .hasMessageContaining("expected " + digest + ": failed precondition");
            assertThat(store.list()).isEmpty();

            proxy.stopTampering();
            assertThat(puller.pull(ImageReference.parse(proxy.host() + "/box@" + digest), Optional.empty())
                            .digest()
                            .toString())
                    .isEqualTo(digest);
        }
    }

    @Test
    void aRegistryThatIsDownIsConnectionRefused() throws Exception {
        TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
        String host = registry.host();
        registry.close();

        assertThatThrownBy(() -> puller.pull(ImageReference.parse(host + "/box:1"), Optional.empty()))
                .isInstanceOf(PullFailed.class)
                .hasMessageContaining("dial tcp " + host + ": connect: connection refused");
    }

    @Test
    void aRegistryWithBasicAuthWantsTheRightPassword() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"), "alice", "s3cret")) {
            String digest = registry.push("private", "1", image("p"));
            ImageReference ref = ImageReference.parse(registry.host() + "/private:1");

            assertThatThrownBy(() -> puller.pull(ref, Optional.empty()))
                    .isInstanceOf(PullFailed.class)
                    .hasMessageContaining("401 Unauthorized");
            assertThatThrownBy(() -> puller.pull(ref, Optional.of(new Credentials("alice", "wrong"))))
                    .hasMessageContaining("401 Unauthorized");
            StoredImage pulled = puller.pull(ref, Optional.of(new Credentials("alice", "s3cret")));
            assertThat(pulled.digest().toString()).isEqualTo(digest);
        }
    }

    @Test
    void aBearerChallengeIsAnsweredWithATokenForTheRepository() throws Exception {
        try (TestRegistry registry = TestRegistry.start(tmp.resolve("reg"));
                RegistryProxy proxy = RegistryProxy.start(registry).requireBearer("bob", "pw", "tok-123")) {
            registry.push("team/app", "1", image("b"));
            ImageReference ref = ImageReference.parse(proxy.host() + "/team/app:1");

            assertThatThrownBy(() -> puller.pull(ref, Optional.of(new Credentials("bob", "nope"))))
                    .isInstanceOf(PullFailed.class)
                    .hasMessageContaining("failed to authorize: failed to fetch oauth token")
                    .hasMessageContaining("401 Unauthorized");
            StoredImage pulled = puller.pull(ref, Optional.of(new Credentials("bob", "pw")));

            assertThat(Files.readString(pulled.layers().get(1).resolve("marker")))
                    .isEqualTo("b");
            assertThat(proxy.tokenQueries())
                    .last()
                    .isEqualTo("service=everynode-test&scope=repository%3Ateam%2Fapp%3Apull");
        }
    }

    @Test
    void plainHttpIsOnlyForLoopbackAndListedRegistries() {
        RegistryHosts hosts = RegistryHosts.withInsecure(List.of("registry.lan:5000"));
        assertThat(hosts.plainHttpAllowed("127.0.0.1:5000")).isTrue();
        assertThat(hosts.plainHttpAllowed("127.3.4.5")).isTrue();
        assertThat(hosts.plainHttpAllowed("[::1]:5000")).isTrue();
        assertThat(hosts.plainHttpAllowed("localhost:5000")).isTrue();
        assertThat(hosts.plainHttpAllowed("registry.lan:5000")).isTrue();
        assertThat(hosts.plainHttpAllowed("registry.lan:5001")).isFalse();
        assertThat(hosts.plainHttpAllowed("10.0.0.1:5000")).isFalse();
        assertThat(hosts.schemes("127.0.0.1:5000")).containsExactly("http");
        assertThat(hosts.schemes("registry.lan:5000")).containsExactly("https", "http");
        assertThat(hosts.schemes("example.com")).containsExactly("https");
        assertThat(hosts.endpoint("docker.io")).isEqualTo("registry-1.docker.io");
        assertThatThrownBy(() -> RegistryHosts.withInsecure(List.of("http://x/")))
                .hasMessageContaining("want HOST:PORT");
    }
}
