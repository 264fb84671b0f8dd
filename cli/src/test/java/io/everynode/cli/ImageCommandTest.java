package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ImageCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    private int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Test
    void anAddedImageIsListed() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("entrypoint"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(src.resolve("entrypoint"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String images = dir.resolve("images").toString();

        assertThat(run("image", "add", "example.com/shipper:1.2", src.toString(), "--images-dir", images))
                .isZero();
        assertThat(dir.resolve("images/example.com/shipper/1.2/entrypoint")).isExecutable();
        out.reset();
        assertThat(run("image", "list", "--images-dir", images)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("example.com/shipper:1.2");
    }

    @Test
    void aDirectoryWithoutAnExecutableEntrypointIsRefusedWithTheReason() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        assertThat(run(
                        "image",
                        "add",
                        "x:1",
                        src.toString(),
                        "--images-dir",
                        dir.resolve("images").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("has no file named entrypoint");

        Files.writeString(src.resolve("entrypoint"), "#!/bin/sh\n");
        err.reset();
        assertThat(run(
                        "image",
                        "add",
                        "x:1",
                        src.toString(),
                        "--images-dir",
                        dir.resolve("images").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not executable");
        assertThat(run(
                        "image",
                        "add",
                        "bad name:1",
                        src.toString(),
                        "--images-dir",
                        dir.resolve("images").toString()))
                .isEqualTo(2);
    }
}
