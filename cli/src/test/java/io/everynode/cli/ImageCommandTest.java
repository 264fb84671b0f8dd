package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedOutput cli = new CapturedOutput();

    private int run(String... args) {
        return cli.run(args);
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
        cli.out();
        assertThat(run("image", "list", "--images-dir", images)).isZero();
        assertThat(cli.out().lines()).containsExactly("example.com/shipper:1.2");
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
        assertThat(cli.err()).contains("has no file named entrypoint");

        Files.writeString(src.resolve("entrypoint"), "#!/bin/sh\n");
        cli.err();
        assertThat(run(
                        "image",
                        "add",
                        "x:1",
                        src.toString(),
                        "--images-dir",
                        dir.resolve("images").toString()))
                .isEqualTo(2);
        assertThat(cli.err()).contains("is not executable");
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
