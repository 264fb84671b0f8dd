package io.everynode.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Gives a volume to the pod's fsGroup as the kubelet does (pkg/volume, SetVolumeOwnership): every
 * file and directory in it gets the group, owner and group read and write (read only for a
 * read-only mount), directories also owner and group search and the setgid bit, so what the containers create there
 * keeps the group. With {@code fsGroupChangePolicy: OnRootMismatch} nothing is changed when the
 * volume's top directory already has the group and those bits. Symbolic links are left alone.
 * Used by the process runtime (emptyDir) and the container runtime (emptyDir, configMap, secret,
 * projected).
 */
public final class FsGroupOwnership {
    private static final int SETGID = 02000;

    private FsGroupOwnership() {}

    public static void apply(Path volume, long fsGroup, boolean readOnly, boolean onRootMismatch) throws IOException {
        if (onRootMismatch && matches(volume, fsGroup, readOnly)) return;
        List<Path> all;
        try (Stream<Path> s = Files.walk(volume)) {
            all = s.toList();
        }
        for (Path p : all) {
            if (Files.isSymbolicLink(p)) continue;
            Files.setAttribute(p, "unix:gid", (int) fsGroup, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(
                    p,
                    "unix:mode",
                    wanted(mode(p), Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), readOnly),
                    LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static boolean matches(Path root, long fsGroup, boolean readOnly) throws IOException {
        int mode = mode(root);
        return ((Number) Files.getAttribute(root, "unix:gid")).longValue() == fsGroup
                && mode == wanted(mode, true, readOnly);
    }

    private static int wanted(int mode, boolean dir, boolean readOnly) {
        int m = mode & 07777 | (readOnly ? 0440 : 0660);
        return dir ? m | 0110 | SETGID : m;
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    }
}
