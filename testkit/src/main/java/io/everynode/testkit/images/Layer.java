package io.everynode.testkit.images;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One image layer being written: entries in order, parent directories added as needed. {@link #tar()}
 * is the uncompressed tar (its sha256 is the diffID), {@link #gzip()} what a registry serves.
 */
public final class Layer {
    /** The applets linked to busybox when its applet list cannot be had. */
    static final List<String> APPLETS = List.of(
            "sh",
            "ls",
            "cat",
            "echo",
            "sleep",
            "env",
            "id",
            "hostname",
            "mkdir",
            "rm",
            "test",
            "true",
            "false",
            "ps",
            "printenv",
            "head",
            "grep",
            "wget",
            "nc",
            "touch",
            "sed",
            "mount");

    private record Entry(String path, byte type, byte[] content, int mode, String link) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Set<String> dirs = new LinkedHashSet<>();

    /** {@code /bin/busybox} as {@code bin/busybox} and the applet links {@code bin/<applet> -> busybox}. */
    public Layer busybox() {
        try {
            file("bin/busybox", Files.readAllBytes(Path.of("/bin/busybox")), 0755);
        } catch (IOException e) {
            throw new UncheckedIOException("busybox-static is not installed (/bin/busybox)", e);
        }
        for (String applet : APPLETS) symlink("bin/" + applet, "busybox");
        return this;
    }

    public Layer file(String path, String content, int mode) {
        return file(path, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    public Layer file(String path, byte[] content, int mode) {
        parents(path);
        entries.add(new Entry(path, TarConstants.LF_NORMAL, content, mode, null));
        return this;
    }

    public Layer dir(String path) {
        parents(path + "/x");
        return this;
    }

    public Layer symlink(String path, String target) {
        parents(path);
        dirs.add(path); // entries below it go through the link, as in a hostile layer
        entries.add(new Entry(path, TarConstants.LF_SYMLINK, new byte[0], 0777, target));
        return this;
    }

    /** An OCI whiteout: {@code path} is deleted from the layers below. */
    public Layer whiteout(String path) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
        return file(name, new byte[0], 0644);
    }

    /** An OCI opaque marker: nothing of {@code dir} from the layers below shows. */
    public Layer opaque(String dir) {
        return file(dir + "/.wh..wh..opq", new byte[0], 0644);
    }

    private void parents(String path) {
        String[] parts = path.split("/");
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            p.append(parts[i]);
            if (dirs.add(p.toString()))
                entries.add(new Entry(p.toString(), TarConstants.LF_DIR, new byte[0], 0755, null));
            p.append('/');
        }
    }

    /** The uncompressed layer tar. */
    public byte[] tar() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.type == TarConstants.LF_DIR ? e.path + "/" : e.path, e.type);
                t.setMode(e.mode
                        | (e.type == TarConstants.LF_DIR
                                ? 040000
                                : e.type == TarConstants.LF_SYMLINK ? 0120000 : 0100000));
                t.setModTime(1_700_000_000_000L);
                if (e.link != null) t.setLinkName(e.link);
                t.setSize(e.type == TarConstants.LF_NORMAL ? e.content.length : 0);
                tar.putArchiveEntry(t);
                if (e.type == TarConstants.LF_NORMAL) tar.write(e.content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The layer tar, gzip-compressed. */
    public byte[] gzip() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
