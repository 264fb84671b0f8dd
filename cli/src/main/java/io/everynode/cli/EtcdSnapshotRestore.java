package io.everynode.cli;

import io.everynode.store.EtcdConfig;
import io.everynode.store.EtcdRevisions;
import io.everynode.store.EtcdSnapshot;
import io.everynode.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes etcd member data directories from an etcd snapshot, with the revision raised and the
 * history compacted (docs/ha.md "Backup and restore").
 *
 * <p>Debian's etcd is 3.4: its {@code etcdctl snapshot restore} keeps the snapshot's revision but
 * cannot raise it ({@code --bump-revision} and {@code --mark-compacted} came with 3.5's etcdutl).
 * So the snapshot is first restored into a scratch directory laid out as {@link LocalEtcd}'s one
 * member, that member is started there on loopback, {@link EtcdRevisions} raises its revision by
 * writes and compacts, a new snapshot is taken of that and the etcd stopped; that second snapshot is then restored once per member of
 * {@code --initial-cluster}, so every member starts from the same bytes, as etcd requires.
 */
final class EtcdSnapshotRestore {
    /** What was made: the backup's revision, the restored one, and each member's data directory. */
    record Result(long backupRevision, long revision, Map<String, Path> dataDirs) {}

    private final Path etcd;
    private final Path etcdctl;
    private final PrintStream log;

    EtcdSnapshotRestore(Path etcd, Path etcdctl, PrintStream log) {
        this.etcd = etcd;
        this.etcdctl = etcdctl;
        this.log = log;
    }

    /** etcd and etcdctl from the PATH (or /usr/bin). */
    static EtcdSnapshotRestore fromPath(PrintStream log) {
        return new EtcdSnapshotRestore(installed("etcd"), installed("etcdctl"), log);
    }

    /**
     * Parses {@code --initial-cluster} ({@code name=peerURL,…}) into member names and peer URLs.
     *
     * @throws IllegalArgumentException naming the entry that is not {@code name=URL}
     */
    static Map<String, String> members(String initialCluster) {
        Map<String, String> members = new LinkedHashMap<>();
        for (String entry : initialCluster.split(",")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("--initial-cluster entry '" + entry + "' is not name=peerURL");
            }
            if (members.put(
                            entry.substring(0, eq).trim(),
                            entry.substring(eq + 1).trim())
                    != null) {
                throw new IllegalArgumentException(
                        "--initial-cluster names member " + entry.substring(0, eq) + " twice");
            }
        }
        return members;
    }

    /**
     * Restores {@code snapshot} for the members of {@code initialCluster}: into {@code dataDir}
     * itself for one member, into {@code dataDir/<name>} for several.
     *
     * @throws StoreException when a data directory exists already, a tool fails, or etcd does not start
     */
    Result restore(Path snapshot, Path dataDir, String initialCluster, String token, long bump) {
        Map<String, String> members = members(initialCluster);
        Map<String, Path> dataDirs = new LinkedHashMap<>();
        members.keySet().forEach(name -> dataDirs.put(name, members.size() == 1 ? dataDir : dataDir.resolve(name)));
        for (Path dir : dataDirs.values()) {
            if (Files.exists(dir) && !isEmptyDirectory(dir)) {
                throw new StoreException("data directory " + dir + " exists and is not empty; restore into a new one");
            }
        }
        Path scratch = null;
        try {
            Path parent = dataDir.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            scratch = Files.createTempDirectory(parent, ".everynode-restore-");
            Path stage = scratch.resolve("stage");
            LocalEtcd.Member scratchMember = LocalEtcd.layout(stage, 1, false).get(0);
            run(List.of(
                    etcdctl.toString(),
                    "snapshot",
                    "restore",
                    snapshot.toString(),
                    "--data-dir=" + scratchMember.dataDir(),
                    "--name=" + scratchMember.name(),
                    "--initial-cluster=" + scratchMember.name() + "=" + scratchMember.peerUrl(),
                    "--initial-advertise-peer-urls=" + scratchMember.peerUrl()));
            long backupRevision;
            long revision;
            Path bumped = scratch.resolve("bumped.db");
            // Resumes the member laid out above on the data etcdctl made; deleted with the scratch.
            try (LocalEtcd member = LocalEtcd.start(etcd, stage, 1, new LocalEtcd.Options(true, true));
                    EtcdRevisions revisions = new EtcdRevisions(EtcdConfig.of(member.clientUrls()))) {
                backupRevision = revisions.current();
                log.println("the snapshot is at revision " + backupRevision + "; raising it by " + bump);
                revisions.raiseTo(backupRevision + bump, r -> log.println("  at revision " + r));
                revision = revisions.compactAll();
                EtcdSnapshot.save(EtcdConfig.of(member.clientUrls()), bumped);
            }
            for (Map.Entry<String, Path> target : dataDirs.entrySet()) {
                Files.deleteIfExists(target.getValue()); // an empty directory: etcdctl wants to make it
                run(List.of(
                        etcdctl.toString(),
                        "snapshot",
                        "restore",
                        bumped.toString(),
                        "--data-dir=" + target.getValue(),
                        "--name=" + target.getKey(),
                        "--initial-cluster=" + initialCluster,
                        "--initial-cluster-token=" + token,
                        "--initial-advertise-peer-urls=" + members.get(target.getKey())));
            }
            return new Result(backupRevision, revision, dataDirs);
        } catch (IOException e) {
            throw new StoreException("restoring " + snapshot + " failed: " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    private static void run(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new StoreException(String.join(" ", command.subList(0, 3)) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while running " + command.get(0), e);
        }
    }

    private static Path installed(String tool) {
        return LocalEtcd.onPath(tool)
                .orElseThrow(() -> new StoreException(LocalEtcd.missingMessage("restoring an etcd snapshot", tool)));
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a scratch directory left behind is named for what it is
        }
    }
}
