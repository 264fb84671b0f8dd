package io.everynode.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Blobs by digest under {@code <root>/blobs/sha256/<hex>}. A blob is written to a temporary in
 * {@code <root>/tmp}, its digest and size checked, then renamed into place: a blob that exists is
 * complete and verified.
 */
final class BlobStore {
    private final Path blobs;
    private final Path tmp;

    BlobStore(Path root) {
        this.blobs = root.resolve("blobs").resolve("sha256");
        this.tmp = root.resolve("tmp");
        try {
            Files.createDirectories(blobs);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the image store at " + root, e);
        }
    }

    Path path(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    boolean has(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    byte[] read(Digest digest) {
        try {
            return Files.readAllBytes(path(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("blob " + digest + " is not in the image store", e);
        }
    }

    /**
     * Writes {@code content} as blob {@code expected} unless it is there already.
     *
     * @param size the expected size, or -1 when unknown
     * @throws BadImage when the content's digest or size is not the expected one (nothing is kept)
     */
    void put(Digest expected, long size, InputStream content) throws IOException {
        if (has(expected)) return;
        Path temp = Files.createTempFile(tmp, "blob-", ".part");
        try {
            Digest.DigestingStream in = new Digest.DigestingStream(content);
            try (OutputStream out = Files.newOutputStream(temp)) {
                in.transferTo(out);
            }
            Digest actual = in.digest();
            if (!actual.equals(expected)) {
                throw new BadImage(
                        "unexpected commit digest " + actual + ", expected " + expected + ": failed precondition");
            }
            if (size >= 0 && in.count() != size) {
                throw new BadImage(
                        "unexpected commit size " + in.count() + ", expected " + size + ": failed precondition");
            }
            Files.move(temp, path(expected), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    void put(Digest expected, byte[] content) throws IOException {
        put(expected, content.length, new java.io.ByteArrayInputStream(content));
    }

    Set<Digest> all() {
        Set<Digest> out = new HashSet<>();
        try (Stream<Path> files = Files.list(blobs)) {
            files.forEach(f -> {
                try {
                    out.add(new Digest(f.getFileName().toString()));
                } catch (IllegalArgumentException e) {
                    // not a blob (a stray file): left alone
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    long size(Digest digest) {
        try {
            return Files.size(path(digest));
        } catch (IOException e) {
            return 0;
        }
    }

    void delete(Digest digest) throws IOException {
        Files.deleteIfExists(path(digest));
    }

    Path tmp() {
        return tmp;
    }
}
