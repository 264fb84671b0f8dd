package io.everynode.apiserver.audit;

import io.everynode.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.databind.node.ObjectNode;

/**
 * The audit log file: one JSON event per line, appended and flushed per event by one writer at
 * a time, so a line is whole and on disk when its request's answer is complete. Created owner
 * read/write only (events at the Request levels hold Secrets' data). Not rotated: rotate it from
 * outside (copy and truncate) or keep policies at Metadata for high-volume resources.
 */
public final class AuditLogFile implements AuditSink, AutoCloseable {
    private final Path path;
    private final OutputStream out;

    /** @throws UncheckedIOException when the file cannot be created or opened for appending */
    public AuditLogFile(Path path) {
        this.path = path;
        try {
            Path dir = path.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            if (!Files.exists(path)) {
                try {
                    Files.createFile(
                            path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(path);
                }
            }
            this.out = Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(ObjectNode event) {
        try {
            out.write(Json.bytes(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
