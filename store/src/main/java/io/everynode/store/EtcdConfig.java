package io.everynode.store;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the etcd store's cluster is and how to talk to it.
 *
 * @param endpoints the members' client URLs ({@code http://host:2379} or {@code https://…}); the
 *     client balances over them and moves on when one fails
 * @param keyPrefix put before every key (empty: keys as given, {@code /registry/…}); lets several
 *     clusters, or tests, share one etcd
 * @param caFile PEM CA bundle that signed the members' serving certificates, or null
 * @param certFile PEM client certificate for etcd's client-cert authentication, or null
 * @param keyFile PEM (PKCS#8) key of {@code certFile}, or null
 * @param requestTimeout how long one request may wait for etcd before it fails with
 *     {@link StoreUnavailableException}
 */
public record EtcdConfig(
        List<URI> endpoints, String keyPrefix, Path caFile, Path certFile, Path keyFile, Duration requestTimeout) {

    /** Longer than an etcd leader election (1 s election timeout by default), shorter than a client's patience. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public EtcdConfig {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("etcd needs at least one endpoint");
        }
        for (URI endpoint : endpoints) {
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
                throw new IllegalArgumentException(
                        "etcd endpoint " + endpoint + " is not an http:// or https:// URL with a host");
            }
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("an etcd client certificate needs its key, and a key its certificate");
        }
    }

    /** Plain-text endpoints, keys as given, the default timeout. */
    public static EtcdConfig of(List<URI> endpoints) {
        return new EtcdConfig(endpoints, "", null, null, null, DEFAULT_REQUEST_TIMEOUT);
    }

    /**
     * Parses a comma-separated endpoint list, as {@code --etcd-endpoints} takes it.
     *
     * @throws IllegalArgumentException naming the entry that is not a URL
     */
    public static List<URI> parseEndpoints(String commaSeparated) {
        List<URI> result = new java.util.ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                result.add(new URI(trimmed));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("etcd endpoint '" + trimmed + "' is not a URL: " + e.getMessage());
            }
        }
        return result;
    }

    public EtcdConfig withKeyPrefix(String prefix) {
        return new EtcdConfig(endpoints, prefix, caFile, certFile, keyFile, requestTimeout);
    }

    public EtcdConfig withTls(Path ca, Path cert, Path key) {
        return new EtcdConfig(endpoints, keyPrefix, ca, cert, key, requestTimeout);
    }

    public EtcdConfig withRequestTimeout(Duration timeout) {
        return new EtcdConfig(endpoints, keyPrefix, caFile, certFile, keyFile, timeout);
    }

    /** Whether the client speaks TLS: any https endpoint or CA file. */
    boolean tls() {
        return caFile != null || endpoints.stream().anyMatch(e -> "https".equals(e.getScheme()));
    }
}
