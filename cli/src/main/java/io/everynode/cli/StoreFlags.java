package io.everynode.cli;

import io.everynode.store.EtcdConfig;
import io.everynode.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code server}'s choice of store: SQLite in the data directory (the default) or an etcd
 * cluster, with kube-apiserver's etcd flag names ({@code --etcd-servers} is accepted for
 * {@code --etcd-endpoints}). docs/ha.md "etcd as the store".
 */
final class StoreFlags {
    @Option(
            names = "--store",
            defaultValue = "sqlite",
            paramLabel = "sqlite|etcd",
            description =
                    "sqlite: a file in --data-dir; etcd: the cluster at --etcd-endpoints (default: ${DEFAULT-VALUE}).")
    String store;

    @Option(
            names = {"--etcd-endpoints", "--etcd-servers"},
            paramLabel = "URL,…",
            description =
                    "The etcd members' client URLs, comma-separated, e.g. http://10.0.0.1:2379,http://10.0.0.2:2379.")
    String endpoints;

    @Option(
            names = "--etcd-cafile",
            paramLabel = "FILE",
            description = "PEM CA bundle that signed the etcd members' serving certificates (TLS to etcd).")
    Path caFile;

    @Option(
            names = "--etcd-certfile",
            paramLabel = "FILE",
            description = "PEM client certificate this server shows etcd (with --etcd-keyfile).")
    Path certFile;

    @Option(names = "--etcd-keyfile", paramLabel = "FILE", description = "PEM (PKCS#8) key of --etcd-certfile.")
    Path keyFile;

    @Option(
            names = "--etcd-key-prefix",
            defaultValue = "",
            paramLabel = "PREFIX",
            description =
                    "Put before every key in etcd, so several clusters can share one etcd (default: none: keys are /registry/…).")
    String keyPrefix;

    @Option(
            names = "--etcd-request-timeout",
            paramLabel = "DURATION",
            converter = ServerCommand.GoDuration.class,
            description = "How long one request to etcd may take before it fails; the API answers such a request"
                    + " 504 Timeout (default: 10s). Everynode's own flag: kube-apiserver has none.")
    Duration requestTimeout;

    boolean etcd() {
        return "etcd".equals(store);
    }

    /**
     * The store these flags name.
     *
     * @throws IllegalArgumentException for an unknown store, etcd without endpoints, a bad URL, a
     *     TLS file that is not there, or etcd flags with the SQLite store
     */
    StoreConfig config(Path dataDir) {
        if ("sqlite".equals(store)) {
            if (endpoints != null || caFile != null || certFile != null || keyFile != null || requestTimeout != null) {
                throw new IllegalArgumentException("the --etcd-* flags need --store etcd");
            }
            return StoreConfig.sqlite(dataDir);
        }
        if (!etcd()) {
            throw new IllegalArgumentException("--store must be sqlite or etcd, not " + store);
        }
        if (endpoints == null || endpoints.isBlank()) {
            throw new IllegalArgumentException("--store etcd needs --etcd-endpoints URL,…");
        }
        for (Path file : new Path[] {caFile, certFile, keyFile}) {
            if (file != null && !Files.isReadable(file)) {
                throw new IllegalArgumentException("cannot read " + file);
            }
        }
        return StoreConfig.etcd(EtcdConfig.of(EtcdConfig.parseEndpoints(endpoints))
                .withKeyPrefix(keyPrefix)
                .withTls(caFile, certFile, keyFile)
                .withRequestTimeout(requestTimeout == null ? EtcdConfig.DEFAULT_REQUEST_TIMEOUT : requestTimeout));
    }

    /** Where the data is, for the start line and errors. */
    String where(Path dataDir) {
        return etcd() ? "etcd at " + endpoints : dataDir.toAbsolutePath().toString();
    }
}
