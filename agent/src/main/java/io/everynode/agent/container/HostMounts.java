package io.everynode.agent.container;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The mounts the runtime makes on the host with {@code mount(8)}, {@code umount(8)} and
 * {@code unshare(1)}: a container's overlay root filesystem and a pod's pinned IPC namespace.
 */
final class HostMounts {
    private HostMounts() {}

    /**
     * Mounts an overlay of {@code layers} (lowest first, as {@link PreparedImage#layers}) with a
     * writable {@code upper} and its {@code work} directory at {@code target}.
     */
    static void overlay(List<Path> layers, Path upper, Path work, Path target) throws IOException {
        if (layers.isEmpty()) throw new IOException("the image has no layers");
        Files.createDirectories(upper);
        Files.createDirectories(work);
        Files.createDirectories(target);
        List<String> lower = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) lower.add(layers.get(i).toString());
        String options = "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper + ",workdir=" + work;
        run(List.of("mount", "-t", "overlay", "overlay", "-o", options, target.toString()));
    }

    /**
     * Pins a new IPC namespace to the file {@code at} (as {@code ip netns add} pins a network
     * one), for every container of a pod to join by path; no process keeps it alive.
     */
    static void pinIpc(Path at) throws IOException {
        Files.createDirectories(at.getParent());
        if (!Files.exists(at)) Files.createFile(at);
        run(List.of("unshare", "--ipc=" + at, "true"));
    }

    /** Unmounts {@code path} if something is mounted there (lazily, so a busy mount still goes). */
    static void unmount(Path path) {
        if (!mounted(path)) return;
        try {
            run(List.of("umount", "-l", path.toString()));
        } catch (IOException e) {
            // nothing mounted or already gone: nothing to undo
        }
    }

    /** Whether {@code path} is a mount point, from /proc/self/mountinfo. */
    static boolean mounted(Path path) {
        String p = path.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] f = line.split(" ");
                if (f.length > 4 && f[4].equals(p)) return true;
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static void run(List<String> argv) throws IOException {
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectInput(new File("/dev/null"))
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", argv) + " did not finish");
            }
            if (p.exitValue() != 0) throw new IOException(argv.get(0) + " failed: " + out.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
