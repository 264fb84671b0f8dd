package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;

/**
 * Stand-ins for the guide's images from public registries. Process nodes never pull: an image is
 * a directory with an executable {@code entrypoint} in the cluster's image directory
 * (docs/images.md). These helpers register a local image under the guide's own name with
 * {@code everynode image add NAME:TAG DIR}, run in-process through the same command line.
 */
final class LocalImages {
    /** Where {@code everynode up --runtime process} registered the demo agent, relative to the image directory. */
    private static final Path DEMO_AGENT = Path.of("everynode", "demo-agent", "1");

    private LocalImages() {}

    /** Registers a copy of {@code everynode/demo-agent:1} as {@code image} (e.g. the guide's metrics agent). */
    static void demoAgentAs(Path images, String image) {
        add(images, image, images.resolve(DEMO_AGENT));
    }

    /** Registers {@code image} whose entrypoint is the shell script {@code script} (written to a scratch directory under {@code work}). */
    static void script(Path images, String image, String script, Path work) {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(work), "image-");
            Path entry = dir.resolve("entrypoint");
            Files.writeString(entry, script);
            Files.setPosixFilePermissions(entry, PosixFilePermissions.fromString("rwxr-xr-x"));
            add(images, image, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code everynode image add IMAGE DIR --images-dir IMAGES}, which must succeed. */
    private static void add(Path images, String image, Path dir) {
        int exit = new CommandLine(new Main())
                .execute("image", "add", image, dir.toString(), "--images-dir", images.toString());
        assertThat(exit).as("everynode image add " + image + " " + dir).isZero();
    }
}
