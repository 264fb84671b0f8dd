package io.everynode.agent.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A node-local image directory: the process runtime's stand-in for a registry. An image
 * {@code NAME:TAG} is the directory {@code <images>/<NAME>/<TAG>/} (slashes in the name are
 * directory levels) holding an executable {@code entrypoint}; a container without a command runs
 * it with the container's args appended. A missing tag means {@code latest}. See docs/images.md.
 */
public final class ImageDirectory {
    public static final String ENTRYPOINT = "entrypoint";
    /** One name component (between slashes) or a tag: no "." or ".." alone, no path tricks. */
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(:[0-9]+)?");

    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private final Path root;

    public ImageDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** An image reference split into name and tag. */
    record Ref(String name, String tag) {
        @Override
        public String toString() {
            return name + ":" + tag;
        }
    }

    /** Parses {@code NAME[:TAG]}; the tag is after the last colon that follows the last slash. Throws with a reason when malformed. */
    static Ref parse(String image) {
        if (image == null || image.isBlank()) throw new IllegalArgumentException("an image name must not be empty");
        if (image.contains("@"))
            throw new IllegalArgumentException("image digests are not supported: \"" + image + "\" (use NAME:TAG)");
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        String name = colon > slash ? image.substring(0, colon) : image;
        String tag = colon > slash ? image.substring(colon + 1) : "latest";
        for (String part : name.split("/", -1)) {
            if (!COMPONENT.matcher(part).matches()) {
                throw new IllegalArgumentException("not an image name: \"" + image
                        + "\" (use NAME:TAG, NAME made of letters, digits, '.', '_', '-' and '/')");
            }
        }
        if (!TAG.matcher(tag).matches())
            throw new IllegalArgumentException("not an image tag: \"" + tag + "\" in \"" + image + "\"");
        return new Ref(name, tag);
    }

    /** The image's directory, whether or not it exists. */
    Path dirOf(Ref ref) {
        return root.resolve(ref.name().replace(':', '_')).resolve(ref.tag());
    }

    /** The executable entrypoint of {@code image}, or empty when the image is not in the directory (or the name is malformed). */
    public Optional<Path> resolve(String image) {
        Ref ref;
        try {
            ref = parse(image);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        Path e = dirOf(ref).resolve(ENTRYPOINT);
        return Files.isRegularFile(e) && Files.isExecutable(e) ? Optional.of(e) : Optional.empty();
    }

    /**
     * Copies {@code source} (a directory holding an executable {@code entrypoint}) in as
     * {@code image}, replacing an image of that name and tag. Throws IllegalArgumentException with
     * a reason a person understands when the source does not qualify.
     */
    public Path add(String image, Path source) throws IOException {
        Ref ref = parse(image);
        if (!Files.isDirectory(source)) throw new IllegalArgumentException(source + " is not a directory");
        Path entry = source.resolve(ENTRYPOINT);
        if (!Files.isRegularFile(entry))
            throw new IllegalArgumentException(source + " has no file named " + ENTRYPOINT);
        if (!Files.isExecutable(entry)) throw new IllegalArgumentException(entry + " is not executable (chmod +x it)");
        Path target = dirOf(ref);
        Files.createDirectories(target.getParent());
        // Copy beside, then swap in, so a running resolve never sees half an image.
        Path staging = Files.createTempDirectory(target.getParent(), "." + ref.tag() + ".adding-");
        copyTree(source, staging);
        // Searchable by every user: a container that runs as a non-root user must reach its entrypoint.
        Files.setPosixFilePermissions(staging, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        if (Files.exists(target)) deleteTree(target);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** Every image in the directory as {@code NAME:TAG}, sorted. */
    public List<String> list() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.getFileName().toString().equals(ENTRYPOINT) && Files.isRegularFile(p))
                    .forEach(p -> {
                        Path tagDir = p.getParent();
                        Path rel = root.relativize(tagDir.getParent());
                        if (tagDir.getFileName().toString().startsWith(".")) return;
                        out.add(rel.toString().replace(java.io.File.separatorChar, '/') + ":" + tagDir.getFileName());
                    });
        }
        out.sort(null);
        return out;
    }

    /** A stable identifier of the image's content: the SHA-256 of its entrypoint, as {@code process://NAME@sha256:…}. */
    static String imageID(String image, Path entrypoint) {
        try (InputStream in = Files.newInputStream(entrypoint)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) d.update(buf, 0, n);
            return "process://" + parse(image).name() + "@sha256:"
                    + HexFormat.of().formatHex(d.digest());
        } catch (IOException e) {
            return "";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
