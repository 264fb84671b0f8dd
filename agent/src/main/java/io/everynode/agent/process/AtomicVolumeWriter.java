package io.everynode.agent.process;

import io.everynode.agent.VolumeContent;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes a configMap or secret volume with the kubelet's atomic layout, so a reader never sees a
 * mix of old and new files:
 *
 * <pre>
 * dir/..2026_12_04_13_46_14.123456789/   the files (paths may have directories), each with its mode
 * dir/..data -&gt; ..2026_12_04_13_46_14.123456789
 * dir/NAME -&gt; ..data/NAME                one link per top-level entry
 * </pre>
 *
 * An update writes a new timestamped directory, adds links for new top-level names, swaps
 * {@code ..data} to it with a rename (atomic: a reader resolves either the old directory or the
 * new one), then removes links of names that are gone and the old directory. A file mounted on
 * its own (a {@code subPath}) is the timestamped directory's file and does not follow updates, as
 * upstream. Content already in place is not written again. Not thread-safe per directory: one
 * writer (the runtime, under its lock) per volume.
 */
public final class AtomicVolumeWriter {
    public static final String DATA = "..data";
    private static final String DATA_TMP = "..data_tmp";
    /** The timestamped directory's prefix; a random suffix makes it unique. */
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.").withZone(ZoneOffset.UTC);

    private static final Set<PosixFilePermission> DIR_MODE = permissions(0755);

    private final Clock clock;

    public AtomicVolumeWriter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Makes {@code dir} hold exactly {@code files} (path relative to {@code dir} → content).
     * Answers whether anything was written.
     *
     * @throws IllegalArgumentException for a path that is absolute, has a {@code ..} element or
     *     starts with {@code ..} (names the layout keeps for itself)
     */
    public boolean write(Path dir, Map<String, VolumeContent.File> files) throws IOException {
        for (String p : files.keySet()) check(p);
        Files.createDirectories(dir);
        Path current = current(dir);
        if (current != null && holds(dir.resolve(current), files)) return false;

        Path fresh = Files.createTempDirectory(dir, STAMP.format(clock.instant()));
        Files.setPosixFilePermissions(fresh, DIR_MODE);
        for (Map.Entry<String, VolumeContent.File> e : files.entrySet()) {
            Path target = fresh.resolve(e.getKey());
            for (Path d = target.getParent(); !d.equals(fresh); d = d.getParent()) {
                if (!Files.isDirectory(d)) {
                    Files.createDirectories(d);
                    Files.setPosixFilePermissions(d, DIR_MODE);
                }
            }
            Files.write(target, e.getValue().data());
            Files.setPosixFilePermissions(target, permissions(e.getValue().mode()));
        }
        Set<String> top = new LinkedHashSet<>();
        for (String p : files.keySet()) top.add(Path.of(p).getName(0).toString());
        for (String name : top) {
            Path link = dir.resolve(name);
            if (Files.isSymbolicLink(link)) continue;
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS))
                throw new IOException(link + " exists and is not a link of the volume's layout");
            Files.createSymbolicLink(link, Path.of(DATA, name));
        }

        Path tmp = dir.resolve(DATA_TMP);
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, fresh.getFileName());
        Files.move(tmp, dir.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);

        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith("..") && !top.contains(name) && Files.isSymbolicLink(entry)) Files.delete(entry);
            }
        }
        if (current != null) deleteTree(dir.resolve(current));
        return true;
    }

    /** The directory {@code ..data} points at, or null before the first write. */
    static Path current(Path dir) throws IOException {
        Path data = dir.resolve(DATA);
        return Files.isSymbolicLink(data) ? Files.readSymbolicLink(data) : null;
    }

    /** Whether {@code dir} holds exactly these regular files with these bytes and modes. */
    private static boolean holds(Path dir, Map<String, VolumeContent.File> files) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        Map<String, Path> found = new HashMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                found.put(dir.relativize(file).toString(), file);
                return FileVisitResult.CONTINUE;
            }
        });
        if (found.size() != files.size()) return false;
        for (Map.Entry<String, VolumeContent.File> e : files.entrySet()) {
            Path f = found.get(Path.of(e.getKey()).normalize().toString());
            if (f == null
                    || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getPosixFilePermissions(f)
                            .equals(permissions(e.getValue().mode()))
                    || !Arrays.equals(Files.readAllBytes(f), e.getValue().data())) return false;
        }
        return true;
    }

    private static void check(String p) {
        Path path = Path.of(p);
        boolean bad = p.isEmpty() || path.isAbsolute() || p.startsWith("..");
        for (Path element : path) bad |= element.toString().equals("..");
        if (bad)
            throw new IllegalArgumentException("invalid path \"" + p + "\": must be relative, without '..' elements,"
                    + " and not start with '..'");
    }

    /** The permission bits of {@code mode} (0777 and below; set-id and sticky bits are not kept). */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) out.add(order[bit]);
        }
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) return;
        Files.walkFileTree(p, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
