package io.everynode.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Names to image digests: one file per name under {@code <root>/names}, named by the sha256 of
 * the name (names may be longer than a file name), holding {@code <name>\n<digest>\n}. Written by
 * atomic rename, so a reader sees the old or the new digest, never half a file.
 */
final class ImageNames {
    private final Path dir;
    private final Path tmp;

    ImageNames(Path root, Path tmp) {
        this.dir = root.resolve("names");
        this.tmp = tmp;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(String name) {
        return dir.resolve(Digest.of(name.getBytes(StandardCharsets.UTF_8)).hex());
    }

    void put(String name, Digest digest) throws IOException {
        Path temp = Files.createTempFile(tmp, "name-", ".part");
        try {
            Files.writeString(temp, name + "\n" + digest + "\n");
            Files.move(temp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Optional<Digest> get(String name) {
        try {
            String[] lines = Files.readString(file(name)).split("\n");
            return Optional.of(Digest.parse(lines[1]));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean remove(String name) throws IOException {
        return Files.deleteIfExists(file(name));
    }

    /** Every name and its digest, sorted by name. */
    Map<String, Digest> all() {
        Map<String, Digest> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().endsWith(".part")) continue;
                try {
                    String[] lines = Files.readString(f).split("\n");
                    out.put(lines[0], Digest.parse(lines[1]));
                } catch (NoSuchFileException e) {
                    // removed meanwhile
                } catch (RuntimeException e) {
                    // not a name file: left alone
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
