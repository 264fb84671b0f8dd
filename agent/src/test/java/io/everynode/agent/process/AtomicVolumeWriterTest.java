package io.everynode.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.agent.VolumeContent;
import io.everynode.testkit.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicVolumeWriterTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T13:46:14Z"));
    private final AtomicVolumeWriter writer = new AtomicVolumeWriter(clock);

    private static VolumeContent.File file(String text, int mode) {
        return new VolumeContent.File(text.getBytes(StandardCharsets.UTF_8), mode);
    }

    private static Map<String, VolumeContent.File> files(Object... pathsAndFiles) {
        Map<String, VolumeContent.File> out = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndFiles.length; i += 2)
            out.put((String) pathsAndFiles[i], (VolumeContent.File) pathsAndFiles[i + 1]);
        return out;
    }

    private List<String> entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aFirstWriteMakesATimestampedDirectoryADataLinkAndOneLinkPerTopLevelEntry() throws IOException {
        assertThat(writer.write(dir, files("app.conf", file("level=info\n", 0644), "certs/ca.pem", file("CA", 0644))))
                .isTrue();

        Path data = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(data.toString()).matches("\\.\\.2026_12_04_13_46_14\\.\\d+");
        assertThat(entries()).containsExactly(data.toString(), "..data", "app.conf", "certs");
        assertThat(Files.readSymbolicLink(dir.resolve("app.conf"))).isEqualTo(Path.of("..data/app.conf"));
        assertThat(Files.readSymbolicLink(dir.resolve("certs"))).isEqualTo(Path.of("..data/certs"));
        assertThat(Files.readString(dir.resolve("app.conf"))).isEqualTo("level=info\n");
        assertThat(Files.readString(dir.resolve("certs/ca.pem"))).isEqualTo("CA");
        assertThat(Files.isRegularFile(dir.resolve(data).resolve("app.conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isTrue();
    }

    @Test
    void anUpdateSwapsTheDataLinkToANewDirectoryAndRemovesTheOldOneAndLinksOfNamesThatAreGone() throws IOException {
        writer.write(dir, files("a", file("1", 0644), "b", file("2", 0644)));
        Path first = Files.readSymbolicLink(dir.resolve("..data"));
        clock.advance(Duration.ofSeconds(61));

        assertThat(writer.write(dir, files("a", file("one", 0644), "c", file("3", 0644))))
                .isTrue();

        Path second = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(second.toString()).startsWith("..2026_12_04_13_47_15.");
        assertThat(entries()).containsExactly(second.toString(), "..data", "a", "c");
        assertThat(Files.exists(dir.resolve(first))).isFalse();
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("one");
        assertThat(Files.readString(dir.resolve("c"))).isEqualTo("3");
    }

    @Test
    void contentAlreadyInPlaceIsNotWrittenAgain() throws IOException {
        writer.write(dir, files("a", file("1", 0644)));
        Path first = Files.readSymbolicLink(dir.resolve("..data"));
        clock.advance(Duration.ofSeconds(5));

        assertThat(writer.write(dir, files("a", file("1", 0644)))).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isEqualTo(first);

        assertThat(writer.write(dir, files("a", file("1", 0600)))).isTrue(); // a mode change is a change
        assertThat(Files.readSymbolicLink(dir.resolve("..data"))).isNotEqualTo(first);
    }

    @Test
    void everyFileGetsItsOwnModeAndDirectoriesAreReadable() throws IOException {
        writer.write(dir, files("key", file("k", 0400), "run.sh", file("echo", 0755), "sub/plain", file("p", 0644)));
        Path data = dir.resolve(Files.readSymbolicLink(dir.resolve("..data")));

        assertThat(mode(data.resolve("key"))).isEqualTo("r--------");
        assertThat(mode(data.resolve("run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(data.resolve("sub/plain"))).isEqualTo("rw-r--r--");
        assertThat(mode(data)).isEqualTo("rwxr-xr-x");
        assertThat(mode(data.resolve("sub"))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void anEmptyPayloadIsAnEmptyVolume() throws IOException {
        writer.write(dir, Map.of());
        Path data = Files.readSymbolicLink(dir.resolve("..data"));
        assertThat(entries()).containsExactly(data.toString(), "..data");
    }

    @Test
    void pathsThatLeaveTheVolumeOrUseTheLayoutsNamesAreRefusedBeforeAnythingIsWritten() throws IOException {
        for (String bad : List.of("/etc/passwd", "../x", "a/../../x", "..data", "..2026_x/f", "")) {
            assertThatThrownBy(() -> writer.write(dir, files(bad, file("x", 0644))))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid path");
        }
        assertThat(entries()).isEmpty();
    }
}
