package io.everynode.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.testkit.ManualClock;
import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageImportTest {
    @TempDir
    Path tmp;

    private ImageStore store() {
        return new ImageStore(tmp.resolve("store"), Platform.current(), SpecialFiles.commands(), new ManualClock());
    }

    private static OciImage busybox() {
        return OciImage.builder()
                .layer(new Layer().busybox())
                .layer(new Layer().file("etc/motd", "hello\n", 0644))
                .entrypoint("/bin/sh", "-c")
                .cmd("cat /etc/motd")
                .env("GREETING=hi")
                .workingDir("/etc")
                .user("1000:1000")
                .build();
    }

    @Test
    void anOciLayoutDirectoryImportsUnderItsNameWithItsConfigAndLayers() throws Exception {
        ImageStore store = store();
        busybox().writeOciLayout(tmp.resolve("layout"), "example.com/tools/busybox:1");

        List<ImageImporter.Imported> imported =
                new ImageImporter(store).importFrom(tmp.resolve("layout"), Optional.empty());

        assertThat(imported).extracting(ImageImporter.Imported::name).containsExactly("example.com/tools/busybox:1");
        StoredImage image =
                store.find(ImageReference.parse("example.com/tools/busybox:1")).orElseThrow();
        assertThat(image.config().entrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(image.config().cmd()).containsExactly("cat /etc/motd");
        assertThat(image.config().env()).contains("GREETING=hi");
        assertThat(image.config().workingDir()).isEqualTo("/etc");
        assertThat(image.config().user()).isEqualTo("1000:1000");
        assertThat(image.layers()).hasSize(2);
        Path lower = image.layers().get(0);
        assertThat(Files.isExecutable(lower.resolve("bin/busybox"))).isTrue();
        assertThat(Files.readSymbolicLink(lower.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(Files.readString(image.layers().get(1).resolve("etc/motd"))).isEqualTo("hello\n");
    }

    @Test
    void anOciArchiveAndADockerSaveArchiveBothImport() throws Exception {
        ImageStore store = store();
        OciImage image = busybox();
        image.writeOciArchive(tmp.resolve("oci.tar"), "127.0.0.1:5000/a:oci");
        image.writeDockerSave(tmp.resolve("docker.tar"), List.of("b:saved", "example.com/b:2"));

        new ImageImporter(store).importFrom(tmp.resolve("oci.tar"), Optional.empty());
        List<ImageImporter.Imported> saved =
                new ImageImporter(store).importFrom(tmp.resolve("docker.tar"), Optional.empty());

        assertThat(saved)
                .extracting(ImageImporter.Imported::name)
                .containsExactly("docker.io/library/b:saved", "example.com/b:2");
        assertThat(store.list())
                .flatExtracting(StoredImage::names)
                .containsExactlyInAnyOrder("127.0.0.1:5000/a:oci", "docker.io/library/b:saved", "example.com/b:2");
        StoredImage fromSave = store.find(ImageReference.parse("b:saved")).orElseThrow();
        StoredImage fromOci =
                store.find(ImageReference.parse("127.0.0.1:5000/a:oci")).orElseThrow();
        assertThat(fromSave.layers()).isEqualTo(fromOci.layers());
        assertThat(fromSave.config().cmd()).containsExactly("cat /etc/motd");
        assertThat(store.find(ImageReference.parse("example.com/b@" + fromSave.digest())))
                .isPresent();
        assertThat(tmp.resolve("store/tmp")).isEmptyDirectory();
    }

    @Test
    void imagesShareTheLayersTheyHaveInCommonAndRemovingOneKeepsTheOthersLayers() throws Exception {
        ImageStore store = store();
        Layer base = new Layer().busybox();
        OciImage one = OciImage.builder()
                .layer(base)
                .layer(new Layer().file("one", "1", 0644))
                .build();
        OciImage two = OciImage.builder()
                .layer(base)
                .layer(new Layer().file("two", "2", 0644))
                .build();
        one.writeOciLayout(tmp.resolve("one"), "x/one:1");
        two.writeOciLayout(tmp.resolve("two"), "x/two:1");
        new ImageImporter(store).importFrom(tmp.resolve("one"), Optional.empty());
        new ImageImporter(store).importFrom(tmp.resolve("two"), Optional.empty());

        StoredImage a = store.find(ImageReference.parse("x/one:1")).orElseThrow();
        StoredImage b = store.find(ImageReference.parse("x/two:1")).orElseThrow();
        assertThat(a.layers().get(0)).isEqualTo(b.layers().get(0));
        assertThat(Files.list(tmp.resolve("store/layers")).count()).isEqualTo(3);

        assertThat(store.remove(ImageReference.parse("x/one:1"))).isTrue();

        assertThat(store.find(ImageReference.parse("x/one:1"))).isEmpty();
        assertThat(store.find(ImageReference.parse("x/two:1"))).isPresent();
        assertThat(Files.isDirectory(b.layers().get(0))).isTrue();
        assertThat(Files.exists(a.layers().get(1))).isFalse();
        assertThat(Files.exists(
                        tmp.resolve("store/blobs/sha256").resolve(a.manifest().hex())))
                .isFalse();
        assertThat(store.remove(ImageReference.parse("x/one:1"))).isFalse();
    }

    @Test
    void whiteoutsAndOpaqueDirectoriesBecomeOverlayWhiteouts() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                "root".equals(System.getProperty("user.name")), "overlay whiteouts (mknod, trusted xattrs) need root");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/setfattr")), "setfattr (Debian package attr) is not installed");
        ImageStore store = store();
        OciImage image = OciImage.builder()
                .layer(new Layer()
                        .file("etc/gone", "x", 0644)
                        .file("etc/kept", "y", 0644)
                        .file("var/cache/a", "a", 0644))
                .layer(new Layer().whiteout("etc/gone").opaque("var/cache").file("var/cache/b", "b", 0644))
                .build();
        image.writeOciLayout(tmp.resolve("layout"), "x/wh:1");
        new ImageImporter(store).importFrom(tmp.resolve("layout"), Optional.empty());

        Path upper = store.find(ImageReference.parse("x/wh:1"))
                .orElseThrow()
                .layers()
                .get(1);
        Path whiteout = upper.resolve("etc/gone");
        assertThat(Files.exists(upper.resolve("etc/.wh.gone"), LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.readAttributes(whiteout, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS))
                .satisfies(a -> {
                    assertThat(((Integer) a.get("mode")) & 0170000).isEqualTo(0020000);
                    assertThat(a.get("rdev")).isEqualTo(0L);
                });
        Process getfattr = new ProcessBuilder(
                        "getfattr",
                        "--absolute-names",
                        "--only-values",
                        "-n",
                        "trusted.overlay.opaque",
                        upper.resolve("var/cache").toString())
                .redirectErrorStream(true)
                .start();
        assertThat(new String(getfattr.getInputStream().readAllBytes())).isEqualTo("y");
        assertThat(Files.exists(upper.resolve("var/cache/.wh..wh..opq"))).isFalse();
        assertThat(Files.readString(upper.resolve("var/cache/b"))).isEqualTo("b");
    }

    @Test
    void aLayerEntryThatClimbsOutOfTheLayerIsRefusedAndLeavesNothingBehind() throws Exception {
        ImageStore store = store();
        OciImage image = OciImage.builder()
                .layer(new Layer().file("../../escaped", "x", 0644))
                .build();
        image.writeOciLayout(tmp.resolve("layout"), "x/bad:1");

        assertThatThrownBy(() -> new ImageImporter(store).importFrom(tmp.resolve("layout"), Optional.empty()))
                .isInstanceOf(BadImage.class)
                .hasMessageContaining("points outside the layer");
        assertThat(store.find(ImageReference.parse("x/bad:1"))).isEmpty();
        assertThat(tmp.resolve("store/layers")).isEmptyDirectory();
        assertThat(Files.exists(tmp.resolve("escaped"))).isFalse();
    }

    @Test
    void aSymlinkInALayerCannotCarryLaterEntriesOutOfIt() throws Exception {
        ImageStore store = store();
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        OciImage image = OciImage.builder()
                .layer(new Layer()
                        .symlink("abs", outside.toString())
                        .symlink("rel", "../../../../../../../../" + outside)
                        .file("abs/one", "x", 0644)
                        .file("rel/two", "y", 0644))
                .build();
        image.writeOciLayout(tmp.resolve("layout"), "x/links:1");

        new ImportRunner(store).run(tmp.resolve("layout"));

        assertThat(outside).isEmptyDirectory();
        Path layer = store.find(ImageReference.parse("x/links:1"))
                .orElseThrow()
                .layers()
                .get(0);
        assertThat(Files.readString(
                        layer.resolve(outside.toString().substring(1)).resolve("one")))
                .isEqualTo("x");
        assertThat(Files.readString(
                        layer.resolve(outside.toString().substring(1)).resolve("two")))
                .isEqualTo("y");
    }

    private record ImportRunner(ImageStore store) {
        void run(Path from) throws Exception {
            new ImageImporter(store).importFrom(from, Optional.empty());
        }
    }

    @Test
    void aBlobWhoseContentIsNotItsDigestIsRefused() throws Exception {
        ImageStore store = store();
        OciImage image = busybox();
        Path layout = tmp.resolve("layout");
        image.writeOciLayout(layout, "x/tampered:1");
        Path layer = layout.resolve("blobs/sha256")
                .resolve(image.layers().get(1).digest().substring(7));
        byte[] bytes = Files.readAllBytes(layer);
        bytes[bytes.length / 2] ^= 1;
        Files.write(layer, bytes);

        assertThatThrownBy(() -> new ImageImporter(store).importFrom(layout, Optional.empty()))
                .isInstanceOf(BadImage.class)
                .hasMessageContaining("unexpected commit digest")
                .hasMessageContaining("expected " + image.layers().get(1).digest());
        assertThat(store.list()).isEmpty();
    }
}
