package io.everynode.cli;

import io.everynode.store.EtcdConfig;
import io.everynode.store.StoreConfig;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The store a benchmark runs on: {@code --backend sqlite|memory|etcd}; for etcd either the
 * cluster at {@code --etcd-endpoints} or, without them, {@code --etcd-members N} members the
 * benchmark starts on loopback itself ({@link LocalEtcd}, throwaway) and kills when it ends.
 */
final class BenchStoreFlags {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--backend",
            defaultValue = "sqlite",
            paramLabel = "sqlite|memory|etcd",
            description = "The store (default: ${DEFAULT-VALUE}; sqlite in a temporary directory).")
    String backend;

    @Option(
            names = "--etcd-endpoints",
            paramLabel = "URL,…",
            description = "With --backend etcd: an etcd cluster already running (default: start --etcd-members).")
    String etcdEndpoints;

    @Option(
            names = "--etcd-members",
            defaultValue = "3",
            description =
                    "With --backend etcd and no --etcd-endpoints: members of the etcd cluster the benchmark starts on"
                            + " loopback (default: ${DEFAULT-VALUE}).")
    int etcdMembers;

    /** The opened choice: the store's config, a label for the printed figures, and the etcd it started, if any. */
    record Opened(StoreConfig config, String label, LocalEtcd started) implements AutoCloseable {
        @Override
        public void close() {
            if (started != null) started.close();
        }
    }

    /**
     * Opens the store these flags name, with SQLite (or etcd's members) under {@code dir}.
     *
     * @throws CommandLine.ParameterException for an unknown backend, etcd flags without
     *     --backend etcd, or no etcd installed to start
     */
    Opened open(Path dir) throws Exception {
        switch (backend) {
            case "memory", "sqlite" -> {
                if (etcdEndpoints != null) throw bad("--etcd-endpoints needs --backend etcd");
                return backend.equals("memory")
                        ? new Opened(StoreConfig.memory(), "memory", null)
                        : new Opened(StoreConfig.sqlite(dir), "sqlite", null);
            }
            case "etcd" -> {
                if (etcdEndpoints != null) {
                    return new Opened(
                            StoreConfig.etcd(EtcdConfig.of(EtcdConfig.parseEndpoints(etcdEndpoints))),
                            "etcd at " + etcdEndpoints,
                            null);
                }
                if (etcdMembers < 1) throw bad("--etcd-members must be at least 1, not " + etcdMembers);
                Path binary = LocalEtcd.binary()
                        .orElseThrow(() -> bad(LocalEtcd.missingMessage(
                                "--backend etcd without --etcd-endpoints (it starts etcd)", "etcd")));
                LocalEtcd etcd = LocalEtcd.start(binary, dir.resolve("etcd"), etcdMembers, LocalEtcd.Options.THROWAWAY);
                return new Opened(
                        StoreConfig.etcd(EtcdConfig.of(etcd.clientUrls())),
                        "etcd (" + etcdMembers + " member" + (etcdMembers == 1 ? "" : "s") + " on loopback)",
                        etcd);
            }
            default -> throw bad("--backend must be sqlite, memory or etcd, not " + backend);
        }
    }

    private CommandLine.ParameterException bad(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
