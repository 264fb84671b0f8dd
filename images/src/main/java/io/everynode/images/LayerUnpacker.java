package io.everynode.images;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Unpacks one layer tar (plain, gzip or zstd, told apart by their magic numbers) into a directory
 * usable as an overlay lower directory: OCI whiteouts {@code .wh.NAME} become overlay whiteouts
 * (char 0/0 devices named NAME) and {@code .wh..wh..opq} marks its directory opaque
 * ({@code trusted.overlay.opaque=y}); entries that would land outside the directory are refused.
 * Ownership, modes and modification times are kept. Checks the uncompressed stream's digest
 * against the layer's diffID.
 */
final class LayerUnpacker {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE = ".wh..wh..opq";

    private final SpecialFiles special;

    LayerUnpacker(SpecialFiles special) {
        this.special = special;
    }

    /**
     * Unpacks {@code layer} into the empty directory {@code into}.
     *
     * @param diffId the expected digest of the uncompressed tar, or null not to check it
     * @return the uncompressed tar's digest
     * @throws BadImage when the tar is malformed, escapes the directory, or its digest is not diffId
     */
    Digest unpack(InputStream layer, Path into, Digest diffId) throws IOException {
        Digest.DigestingStream tarBytes = new Digest.DigestingStream(decompressed(layer));
        List<Runnable> directoryModes = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extract(tar, entry, into, directoryModes);
            }
            tarBytes.drain();
        } catch (IllegalArgumentException e) {
            throw new BadImage("the layer is not a valid tar: " + e.getMessage(), e);
        }
        // Modes of directories last, so read-only directories could still be filled.
        for (int i = directoryModes.size() - 1; i >= 0; i--)
            directoryModes.get(i).run();
        Digest actual = tarBytes.digest();
        if (diffId != null && !actual.equals(diffId)) {
            throw new BadImage(
                    "the layer's content has digest " + actual + ", but the image config says its diffID is " + diffId);
        }
        return actual;
    }

    static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 65536);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, 65536);
        }
        if (magic.length == 4
                && (magic[0] & 0xff) == 0x28
                && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdCompressorInputStream(in);
        }
        return in;
    }

    private void extract(TarArchiveInputStream tar, TarArchiveEntry entry, Path root, List<Runnable> directoryModes)
            throws IOException {
        Path lexical = inside(root, entry.getName());
        if (lexical.equals(root)) return; // "./": the layer root keeps the store's mode
        String name = lexical.getFileName().toString();
        // Symlinks on the way (made by earlier entries) resolve inside the layer, never out of it.
        Path parent = resolveInRoot(root, root.relativize(lexical.getParent()).toString());
        Path target = parent.resolve(name);
        Files.createDirectories(parent);
        if (name.equals(OPAQUE)) {
            special.opaque(target.getParent());
            return;
        }
        if (name.startsWith(WHITEOUT_PREFIX)) {
            Path hidden = target.resolveSibling(name.substring(WHITEOUT_PREFIX.length()));
            deleteTree(hidden);
            special.whiteout(hidden);
            return;
        }
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                deleteTree(target);
                Files.createDirectory(target);
            }
            directoryModes.add(() -> finish(target, entry));
            return;
        }
        deleteTree(target);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            owner(target, entry);
            return;
        }
        if (entry.isLink()) {
            Path linked = inside(root, entry.getLinkName());
            Path source = resolveInRoot(
                            root, root.relativize(linked.getParent()).toString())
                    .resolve(linked.getFileName());
            Files.createLink(target, source);
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            char type = entry.isFIFO() ? 'p' : entry.isCharacterDevice() ? 'c' : 'b';
            special.device(target, type, entry.getDevMajor(), entry.getDevMinor());
            finish(target, entry);
            return;
        }
        try (OutputStream out = Files.newOutputStream(target)) {
            tar.transferTo(out);
        }
        finish(target, entry);
    }

    /** {@code name} resolved under {@code root}; a name that climbs out of it is refused. */
    static Path inside(Path root, String name) {
        Path target = root.resolve(name.replaceFirst("^/+", "")).normalize();
        if (!target.startsWith(root)) throw new BadImage("the layer's entry \"" + name + "\" points outside the layer");
        return target;
    }

    /**
     * {@code relative} under {@code root}, every symlink on the way followed as if {@code root}
     * were {@code /} (absolute targets start at root, {@code ..} stops at root), so nothing
     * resolves outside it: a layer cannot write through {@code lib -> /etc} into the host.
     */
    static Path resolveInRoot(Path root, String relative) throws IOException {
        java.util.Deque<String> parts = new java.util.ArrayDeque<>(java.util.List.of(relative.split("/")));
        Path current = root;
        int hops = 0;
        while (!parts.isEmpty()) {
            String part = parts.pollFirst();
            if (part.isEmpty() || part.equals(".")) continue;
            if (part.equals("..")) {
                if (!current.equals(root)) current = current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (Files.isSymbolicLink(next)) {
                if (++hops > 40) throw new BadImage("too many levels of symbolic links under " + relative);
                String link = Files.readSymbolicLink(next).toString();
                if (link.startsWith("/")) current = root;
                String[] linkParts = link.split("/");
                for (int i = linkParts.length - 1; i >= 0; i--) parts.addFirst(linkParts[i]);
                continue;
            }
            current = next;
        }
        return current;
    }

    private void finish(Path target, TarArchiveEntry entry) {
        try {
            owner(target, entry);
            int mode = entry.getMode() & 07777;
            if ((mode & 07000) != 0) {
                special.chmod(target, mode);
            } else {
                Files.setPosixFilePermissions(target, permissions(mode));
            }
            Files.setLastModifiedTime(
                    target, FileTime.from(entry.getLastModifiedTime().toInstant()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot set the attributes of " + target, e);
        }
    }

    private static void owner(Path target, TarArchiveEntry entry) {
        try {
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            // not root: the files stay ours (an unprivileged store is for tests and imports only)
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) if ((mode & (1 << i)) != 0) out.add(bits[i]);
        return out;
    }

    /** Removes {@code path} and all below it, links not followed; absent paths are fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.setPosixFilePermissions(path, permissions(0700));
            } catch (IOException e) {
                // removing the entries below will say what is wrong
            }
            try (var children = Files.list(path)) {
                for (Path child : (Iterable<Path>) children::iterator) deleteTree(child);
            }
        }
        Files.delete(path);
    }
}
