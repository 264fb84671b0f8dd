package io.everynode.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.images.Layer;
import io.everynode.testkit.images.OciImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreCommandsTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedOutput cli = new CapturedOutput();

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--image-store";
        all[args.length + 1] = dir.resolve("store").toString();
        return cli.run(all);
    }

    private String stdout() {
        return cli.out();
    }

    @Test
    void importedArchivesOfBothKindsAreListedAndRemoved() throws Exception {
        OciImage image =
                OciImage.builder().layer(new Layer().busybox()).cmd("sh").build();
        image.writeDockerSave(dir.resolve("saved.tar"), List.of("busybox:saved"));
        image.writeOciArchive(dir.resolve("oci.tar"), "example.com/tools/busybox:oci");

        assertThat(run("image", "import", dir.resolve("saved.tar").toString())).isZero();
        assertThat(stdout()).startsWith("imported docker.io/library/busybox:saved sha256:");
        assertThat(run("image", "import", dir.resolve("oci.tar").toString())).isZero();
        assertThat(stdout())
                .isEqualTo("imported example.com/tools/busybox:oci "
                        + image.manifest().digest() + "\n");

        assertThat(run("image", "ls")).isZero();
        List<String> lines = stdout().lines().toList();
        assertThat(lines.get(0)).matches("REPOSITORY\\s+TAG\\s+DIGEST\\s+SIZE");
        assertThat(lines).hasSize(3);
        assertThat(lines)
                .anyMatch(l -> l.matches("docker.io/library/busybox\\s+saved\\s+[0-9a-f]{13}\\s+[0-9.]+[kM]?B"));
        assertThat(lines)
                .anyMatch(l -> l.matches("example.com/tools/busybox\\s+oci\\s+"
                        + image.manifest().digest().substring(7, 20) + "\\s+[0-9.]+[kM]?B"));

        assertThat(run("image", "rm", "busybox:saved")).isZero();
        assertThat(stdout()).isEqualTo("Deleted: docker.io/library/busybox:saved\n");
        assertThat(run("image", "rm", "busybox:saved")).isEqualTo(1);
        assertThat(cli.err()).contains("no such image docker.io/library/busybox:saved");
        assertThat(run("image", "ls")).isZero();
        assertThat(stdout().lines()).hasSize(2).last().asString().startsWith("example.com/tools/busybox");
    }

    @Test
    void aFileThatIsNoImageArchiveIsRefusedWithTheReason() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("junk.tar"), "not a tar at all, just words");
        assertThat(run("image", "import", dir.resolve("junk.tar").toString())).isEqualTo(2);
        assertThat(cli.err()).startsWith("error: cannot import ");
        assertThat(ImageStoreCommands.humanSize(2_235_612)).isEqualTo("2.236MB");
        assertThat(ImageStoreCommands.humanSize(999)).isEqualTo("999B");
    }
}
