package io.everynode.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the JDK cannot make: device nodes (and overlay whiteouts, which are char 0/0 devices), the
 * {@code trusted.overlay.opaque} xattr of an opaque directory, and modes with setuid, setgid or
 * sticky bits. The default runs coreutils' {@code mknod} and {@code chmod} and attr's
 * {@code setfattr} (Debian package {@code attr}); all need root.
 */
public interface SpecialFiles {
    void device(Path at, char type, int major, int minor) throws IOException;

    /** Marks {@code dir} opaque for overlayfs: nothing of the same directory in lower layers shows. */
    void opaque(Path dir) throws IOException;

    void chmod(Path at, int mode) throws IOException;

    /** An overlay whiteout: a char device 0/0 hides {@code at}'s name in lower layers. */
    default void whiteout(Path at) throws IOException {
        device(at, 'c', 0, 0);
    }

    /** The commands above. */
    static SpecialFiles commands() {
        return new SpecialFiles() {
            @Override
            public void device(Path at, char type, int major, int minor) throws IOException {
                List<String> cmd = type == 'p'
                        ? List.of("mknod", at.toString(), "p")
                        : List.of(
                                "mknod",
                                at.toString(),
                                String.valueOf(type),
                                String.valueOf(major),
                                String.valueOf(minor));
                run(cmd);
            }

            @Override
            public void opaque(Path dir) throws IOException {
                run(List.of("setfattr", "-n", "trusted.overlay.opaque", "-v", "y", dir.toString()));
            }

            @Override
            public void chmod(Path at, int mode) throws IOException {
                run(List.of("chmod", Integer.toOctalString(mode), at.toString()));
            }
        };
    }

    private static void run(List<String> cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + cmd.get(0) + " (" + e.getMessage() + ")", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running " + cmd.get(0), e);
        }
    }
}
