package io.everynode.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.testkit.images.Layer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {
    @TempDir
    Path tmp;

    private final LayerUnpacker unpacker = new LayerUnpacker(SpecialFiles.commands());
    private final Layer layer = new Layer().file("etc/hello", "hi\n", 0640).symlink("etc/link", "hello");

    @Test
    void plainGzipAndZstdLayersUnpackAlikeAndAnswerTheTarsDigest() throws Exception {
        byte[] tar = layer.tar();
        ByteArrayOutputStream zstd = new ByteArrayOutputStream();
        try (ZstdCompressorOutputStream out = new ZstdCompressorOutputStream(zstd)) {
            out.write(tar);
        }
        Digest diffId = Digest.of(tar);
        int i = 0;
        for (byte[] blob : new byte[][] {tar, layer.gzip(), zstd.toByteArray()}) {
            Path into = Files.createDirectory(tmp.resolve("l" + i++));

            assertThat(unpacker.unpack(new ByteArrayInputStream(blob), into, diffId))
                    .isEqualTo(diffId);

            assertThat(Files.readString(into.resolve("etc/hello"))).isEqualTo("hi\n");
            assertThat(Files.getPosixFilePermissions(into.resolve("etc/hello")))
                    .isEqualTo(LayerUnpacker.permissions(0640));
            assertThat(Files.readSymbolicLink(into.resolve("etc/link"))).isEqualTo(Path.of("hello"));
        }
    }

    @Test
    void aLayerWhoseContentIsNotItsDiffIdIsRefused() throws Exception {
        Digest other = Digest.of(new byte[] {1});
        assertThatThrownBy(() -> unpacker.unpack(new ByteArrayInputStream(layer.gzip()), tmp, other))
                .isInstanceOf(BadImage.class)
                .hasMessageContaining("image config says its diffID is " + other);
    }
}
