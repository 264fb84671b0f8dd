package io.everynode.agent.container;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A test {@link ImageSource}: one layer made from {@code /bin/busybox} with its applets as
 * symlinks ({@code busybox --install -s}), built once into the directory given, for every image
 * name but those listed as missing (which answer ErrImagePull).
 */
public final class BusyboxImage implements ImageSource {
    private final Path layer;
    private volatile java.util.Set<String> missing = java.util.Set.of();

    public BusyboxImage(Path dir) throws IOException, InterruptedException {
        this.layer = dir.resolve("layer");
        Path bin = layer.resolve("bin");
        Files.createDirectories(bin);
        Files.copy(Path.of("/bin/busybox"), bin.resolve("busybox"));
        // busybox --install -s style: every applet a symlink, relative so it resolves inside the container
        Process p = new ProcessBuilder("/bin/busybox", "--list")
                .redirectErrorStream(true)
                .start();
        String applets = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IOException("busybox --list failed: " + applets);
        for (String a : applets.split("\n")) {
            a = a.trim();
            if (!a.isEmpty()
                    && !a.equals("busybox")
                    && !Files.exists(bin.resolve(a), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                Files.createSymbolicLink(bin.resolve(a), Path.of("busybox"));
        }
        for (String d : List.of("proc", "dev", "sys", "etc", "tmp", "var/log", "root")) {
            Files.createDirectories(layer.resolve(d));
        }
        Files.writeString(
                layer.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534::/:/bin/sh\n");
        Files.writeString(layer.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
    }

    /** Images by these names are not to be had. */
    void setMissing(java.util.Set<String> names) {
        missing = java.util.Set.copyOf(names);
    }

    public static boolean available() {
        return Files.isExecutable(Path.of("/bin/busybox"));
    }

    @Override
    public PreparedImage prepare(Pod pod, Container container) throws ImageUnavailable {
        if (missing.contains(container.getImage())) {
            throw new ImageUnavailable(
                    ImageUnavailable.PULL_FAILED, "manifest unknown: " + container.getImage() + " not found");
        }
        return new PreparedImage(
                "test.local/" + container.getImage(),
                "test.local/busybox@sha256:0000",
                List.of(layer),
                List.of(),
                List.of("sh"),
                Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin"),
                "",
                "");
    }
}
