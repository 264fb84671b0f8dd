package io.everynode.agent.process;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The on-disk layout of the runtime's state, so a new runtime over the same root takes over:
 * <pre>
 * ROOT/pods/UID/pod.properties                 the pod's key
 * ROOT/pods/UID/volumes/NAME/                  emptyDir volumes
 * ROOT/pods/UID/CONTAINER/N.log                stdout+stderr of instance N (N = 1, 2, …), CRI log format
 * ROOT/pods/UID/CONTAINER/N/{stdout,stderr,reader}  the log FIFOs the wrapper holds, the pump's pid
 * ROOT/pods/UID/CONTAINER/N/state.properties   id, image, pid, start ticks, … of instance N
 * ROOT/pods/UID/CONTAINER/N/{pid,child,exit,term}       the wrapper's files (child: the command's pid)
 * ROOT/pods/UID/CONTAINER/N/{cgroups,mounts,isolation} what the wrapper sets up (see {@link Isolation})
 * </pre>
 * Only the current and the previous instance are kept.
 */
final class InstanceFiles {
    private InstanceFiles() {}

    static Path podDir(Path root, String uid) {
        return root.resolve("pods").resolve(uid);
    }

    static Path containerDir(Path root, String uid, String container) {
        return podDir(root, uid).resolve(container);
    }

    static Path instanceDir(Path root, String uid, String container, int n) {
        return containerDir(root, uid, container).resolve(Integer.toString(n));
    }

    static Path log(Path root, String uid, String container, int n) {
        return containerDir(root, uid, container).resolve(n + ".log");
    }

    /** The highest-numbered instance's log of the container, or with {@code previous} the one before it; empty when there is none. */
    static Optional<Path> logFile(Path root, String uid, String container, boolean previous) {
        int n = latest(containerDir(root, uid, container));
        if (previous) n--;
        if (n < 1) return Optional.empty();
        Path log = log(root, uid, container, n);
        return Files.exists(log) ? Optional.of(log) : Optional.empty();
    }

    /** The highest instance number with a state file, 0 when none. */
    static int latest(Path containerDir) {
        if (!Files.isDirectory(containerDir)) return 0;
        int max = 0;
        try (Stream<Path> s = Files.list(containerDir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".log")) n = n.substring(0, n.length() - 4);
                if (!n.isEmpty() && n.chars().allMatch(Character::isDigit)) max = Math.max(max, Integer.parseInt(n));
            }
        } catch (IOException | NumberFormatException e) {
            return max;
        }
        return max;
    }

    static void write(Path file, Properties p) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<Properties> read(Path file) {
        if (!Files.isRegularFile(file)) return Optional.empty();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            return Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The wrapper's exit status, or empty while it has written none. */
    static Optional<Integer> exitCode(Path instanceDir) {
        try {
            return Optional.of(Integer.parseInt(
                    Files.readString(instanceDir.resolve("exit")).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** When the exit file was written (the moment the command ended), else {@code otherwise}. */
    static Instant exitTime(Path instanceDir, Instant otherwise) {
        try {
            return Files.getLastModifiedTime(instanceDir.resolve("exit")).toInstant();
        } catch (IOException e) {
            return otherwise;
        }
    }

    static long readLong(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A fresh container id (hex SHA-256) for an instance of a pod's container. */
    static String containerId(String uid, String name, int instance, Instant now) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((uid + "/" + name + "/" + instance + "/" + now + "/" + System.nanoTime())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
