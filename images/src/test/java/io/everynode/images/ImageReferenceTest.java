package io.everynode.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String HEX = "a".repeat(64);

    @Test
    void aBareNameIsALibraryImageOnDockerHubAtLatest() {
        ImageReference r = ImageReference.parse("busybox");
        assertThat(r.toString()).isEqualTo("docker.io/library/busybox:latest");
        assertThat(r.repository()).isEqualTo("docker.io/library/busybox");
    }

    @Test
    void aUserRepositoryOnDockerHubKeepsItsPathAndTag() {
        assertThat(ImageReference.parse("fluent/fluent-bit:3.1").toString())
                .isEqualTo("docker.io/fluent/fluent-bit:3.1");
        assertThat(ImageReference.parse("index.docker.io/library/busybox").toString())
                .isEqualTo("docker.io/library/busybox:latest");
    }

    @Test
    void aRegistryWithAPortAndADigestGetsNoTag() {
        ImageReference r = ImageReference.parse("127.0.0.1:5000/a/b@sha256:" + HEX);
        assertThat(r.domain()).isEqualTo("127.0.0.1:5000");
        assertThat(r.path()).isEqualTo("a/b");
        assertThat(r.tag()).isNull();
        assertThat(r.toString()).isEqualTo("127.0.0.1:5000/a/b@sha256:" + HEX);
    }

    @Test
    void aTagAndADigestAreBothKept() {
        ImageReference r = ImageReference.parse("localhost/app:1.2@sha256:" + HEX);
        assertThat(r.domain()).isEqualTo("localhost");
        assertThat(r.tag()).isEqualTo("1.2");
        assertThat(r.digest().hex()).isEqualTo(HEX);
        assertThat(r.withoutDigest().toString()).isEqualTo("localhost/app:1.2");
    }

    @Test
    void invalidNamesAreRefusedInTheKubeletsWords() {
        assertThatThrownBy(() -> ImageReference.parse("Busybox"))
                .isInstanceOf(InvalidImageName.class)
                .hasMessage("Failed to apply default image tag \"Busybox\": couldn't parse image name \"Busybox\": "
                        + "invalid reference format: repository name (library/Busybox) must be lowercase");
        for (String bad :
                new String[] {"", "busybox:", "a//b", "busybox@sha256:abc", "-a/b", "busybox:tag with space", "a:b:c"
                }) {
            assertThatThrownBy(() -> ImageReference.parse(bad))
                    .as(bad)
                    .isInstanceOf(InvalidImageName.class)
                    .hasMessageContaining("invalid reference format");
        }
    }
}
