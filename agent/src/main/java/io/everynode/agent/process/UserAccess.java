package io.everynode.agent.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a user (uid, gid, groups) may run a file, by the mode bits of the file and of every
 * directory above it, as the kernel checks them for a process without capabilities. The runtime
 * asks before starting a container that runs as a user other than root, so an image under a
 * {@code 0700} directory fails with a message saying which directory, not with a bare
 * "Permission denied" from setpriv in the container's log.
 */
final class UserAccess {
    private UserAccess() {}

    /** Null when the user may execute {@code file}; otherwise the kubelet-style StartError message saying why not. */
    static String cannotExecute(Path file, long uid, long gid, List<Long> groups) {
        Path abs = file.toAbsolutePath().normalize();
        try {
            for (Path dir = abs.getParent(); dir != null; dir = dir.getParent()) {
                if (!allowed(dir, 1, uid, gid, groups))
                    return denied(file, uid, "cannot search " + dir + describe(dir));
            }
            if (!allowed(abs, 1, uid, gid, groups)) return denied(file, uid, "cannot execute it" + describe(abs));
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // what cannot be read here is left to the exec to report
        }
    }

    private static boolean allowed(Path p, int bit, long uid, long gid, List<Long> groups) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        long owner = ((Number) Files.getAttribute(p, "unix:uid")).longValue();
        long group = ((Number) Files.getAttribute(p, "unix:gid")).longValue();
        if (owner == uid) return (mode & (bit << 6)) != 0;
        if (group == gid || groups.contains(group)) return (mode & (bit << 3)) != 0;
        return (mode & bit) != 0;
    }

    private static String describe(Path p) throws IOException {
        int mode = (Integer) Files.getAttribute(p, "unix:mode");
        return " (mode " + String.format("%04o", mode & 07777) + ", owner " + Files.getAttribute(p, "unix:uid") + ":"
                + Files.getAttribute(p, "unix:gid") + ")";
    }

    private static String denied(Path file, long uid, String why) {
        return "exec: \"" + file + "\": permission denied: uid " + uid + " " + why;
    }
}
