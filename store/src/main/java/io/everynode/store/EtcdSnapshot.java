package io.everynode.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;

/**
 * An etcd snapshot ({@code Maintenance.Snapshot}: one member's whole database, with etcd's
 * checksum at its end) streamed to a file: written under a temporary name beside the target,
 * fsynced, then renamed into place, so the target is either the previous file or a complete
 * snapshot, never a torn one. {@code etcdctl snapshot restore} makes member data directories from
 * it (docs/ha.md "Backup and restore").
 */
public final class EtcdSnapshot {

    /**
     * What a snapshot holds: etcd's revision read just before it was taken (the snapshot is at
     * this revision or a later one) and its size.
     */
    public record Saved(long revisionAtLeast, long bytes) {}

    private EtcdSnapshot() {}

    /**
     * Streams a snapshot of the cluster at {@code config} to {@code to} (replaced if it exists).
     *
     * @throws StoreUnavailableException when etcd does not answer within the request timeout
     * @throws StoreException when the snapshot or the file fails; {@code to} is untouched then
     */
    public static Saved save(EtcdConfig config, Path to) {
        Path partial = to.toAbsolutePath().resolveSibling(to.getFileName() + ".partial");
        EtcdCalls calls = new EtcdCalls(config);
        try (Client client = EtcdClients.build(config)) {
            // A bounded request first: an unreachable etcd is a clear error, not a stream that waits.
            long revision = calls.await(
                            client.getKVClient()
                                    .get(
                                            ByteSequence.from(config.keyPrefix() + "/", UTF_8),
                                            GetOption.builder()
                                                    .withCountOnly(true)
                                                    .build()),
                            "reading the revision before a snapshot")
                    .getHeader()
                    .getRevision();
            long bytes;
            try (FileChannel file = FileChannel.open(
                    partial,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(file);
                // No deadline: a large database takes as long as it takes; a broken stream fails it.
                bytes = client.getMaintenanceClient().snapshot(out).get();
                out.flush();
                file.force(true);
            }
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FileSync.directory(to.toAbsolutePath().getParent());
            return new Saved(revision, bytes);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new StoreException("writing the etcd snapshot to " + to + " failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            deleteQuietly(partial);
            throw calls.translate(e.getCause() == null ? e : e.getCause(), "taking a snapshot");
        } catch (InterruptedException e) {
            deleteQuietly(partial);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while taking an etcd snapshot", e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Whether {@code file} starts as an etcd snapshot does: a bbolt database (magic 0xED0CDAED). */
    public static boolean looksLikeSnapshot(Path file) {
        byte[] head = new byte[20];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) < head.length) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        // bbolt's first page: a 16-byte page header, then the meta page whose first field is the
        // magic number, little-endian on the machines etcd runs on.
        return (head[16] & 0xff) == 0xed
                && (head[17] & 0xff) == 0xda
                && (head[18] & 0xff) == 0x0c
                && (head[19] & 0xff) == 0xed;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the error being reported matters more
        }
    }
}
