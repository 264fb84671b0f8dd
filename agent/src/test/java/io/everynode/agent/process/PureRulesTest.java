package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HostPathVolumeSourceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tables for the process runtime's pure rules: image references, $(VAR) expansion, hostPath type checks. */
class PureRulesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is name {1}, tag {2}")
    @CsvSource({
        "busybox, busybox, latest",
        "busybox:1.36, busybox, 1.36",
        "everynode/demo-agent:1, everynode/demo-agent, 1",
        "localhost:5000/tools/x, localhost:5000/tools/x, latest",
        "localhost:5000/tools/x:2, localhost:5000/tools/x, 2",
    })
    void anImageReferenceSplitsIntoNameAndTag(String image, String name, String tag) {
        ImageDirectory.Ref r = ImageDirectory.parse(image);
        assertThat(r.name()).isEqualTo(name);
        assertThat(r.tag()).isEqualTo(tag);
    }

    @ParameterizedTest
    @CsvSource({"../etc:1", "a//b:1", "x@sha256:abc", "'bad name:1'", "x:", "/abs:1"})
    void aMalformedImageReferenceIsRefused(String image) {
        assertThatThrownBy(() -> ImageDirectory.parse(image)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "'hello $(WHO)', 'hello world'",
        "'$(WHO)$(WHO)', 'worldworld'",
        "'$$(WHO)', '$(WHO)'",
        "'$(NOBODY)', '$(NOBODY)'",
        "'$(WHO', '$(WHO'",
        "'cost $5', 'cost $5'",
    })
    void variableReferencesExpandAsTheKubeletExpandsThem(String in, String out) {
        assertThat(ContainerEnv.expand(in, Map.of("WHO", "world"))).isEqualTo(out);
    }

    @ParameterizedTest(name = "type {0} on a {1}: {2}")
    @CsvSource({
        "'', file, ok",
        "'', missing, ok",
        "Directory, dir, ok",
        "Directory, file, 'hostPath type check failed: PATH is not a directory'",
        "Directory, missing, 'hostPath type check failed: PATH is not a directory'",
        "DirectoryOrCreate, file, 'hostPath type check failed: PATH is not a directory'",
        "DirectoryOrCreate, missing, ok",
        "File, file, ok",
        "File, dir, 'hostPath type check failed: PATH is not a file'",
        "FileOrCreate, missing, ok",
        "FileOrCreate, dir, 'hostPath type check failed: PATH is not a file'",
        "Socket, file, 'hostPath type check failed: PATH is not a socket file'",
        "CharDevice, file, 'hostPath type check failed: PATH is not a character device'",
        "BlockDevice, file, 'hostPath type check failed: PATH is not a block device'",
        "Sometimes, file, 'hostPath type check failed: unknown type \"Sometimes\" for PATH'",
    })
    void hostPathTypeChecksFollowTheKubelet(String type, String what, String expected) throws Exception {
        Path p = dir.resolve("thing");
        if (what.equals("file")) Files.writeString(p, "x");
        if (what.equals("dir")) Files.createDirectories(p);
        var source = new HostPathVolumeSourceBuilder()
                .withPath(p.toString())
                .withType(type)
                .build();
        if (expected.equals("ok")) {
            assertThat(Volumes.hostPath(source)).isEqualTo(p);
            if (type.equals("DirectoryOrCreate")) assertThat(p).isDirectory();
            if (type.equals("FileOrCreate")) assertThat(p).isRegularFile();
        } else {
            assertThatThrownBy(() -> Volumes.hostPath(source)).hasMessage(expected.replace("PATH", p.toString()));
        }
    }

    @Test
    void theCharacterDeviceCheckAcceptsDevNull() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")), "needs /dev/null");
        assertThat(Volumes.hostPath(new HostPathVolumeSourceBuilder()
                        .withPath("/dev/null")
                        .withType("CharDevice")
                        .build()))
                .isEqualTo(Path.of("/dev/null"));
    }
}
