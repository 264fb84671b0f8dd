package io.everynode.controllers.bootstrapsigner;

import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.api.bootstrap.DetachedJws;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bootstrap signer's decision (upstream's bootstrapsigner controller): the data the
 * {@code cluster-info} ConfigMap should hold, given what it holds and the tokens there are.
 *
 * <ul>
 *   <li>{@code kubeconfig}: {@link ClusterInfo#kubeconfig} of the configured server and CA when
 *       {@link ClusterInfoConfig#publishes()}; otherwise whatever is there (nothing to sign when
 *       there is none).
 *   <li>{@code jws-kubeconfig-<id>}: a {@link DetachedJws} of that kubeconfig for every token
 *       that is not expired at {@code now} and has {@code usage-bootstrap-signing}; signatures of
 *       other tokens are removed. Other keys are kept.
 * </ul>
 */
public final class BootstrapSigner {
    private final ClusterInfoConfig config;

    public BootstrapSigner(ClusterInfoConfig config) {
        this.config = config;
    }

    /**
     * The data the ConfigMap should have, or empty when there is nothing to publish (no
     * configured server and no ConfigMap with a kubeconfig).
     *
     * @param current the ConfigMap's data, or null when there is no ConfigMap
     */
    public Optional<Map<String, String>> desired(
            Map<String, String> current, Collection<BootstrapTokenSecret> tokens, Instant now) {
        Map<String, String> out = new LinkedHashMap<>();
        if (current != null) {
            current.forEach((k, v) -> {
                if (!k.startsWith(ClusterInfo.SIGNATURE_PREFIX)) out.put(k, v);
            });
        }
        if (config.publishes()) {
            out.put(ClusterInfo.KUBECONFIG, ClusterInfo.kubeconfig(config.server(), config.caPem()));
        }
        String kubeconfig = out.get(ClusterInfo.KUBECONFIG);
        if (kubeconfig == null) return Optional.empty();
        tokens.stream()
                .filter(t -> !t.expired(now) && t.allows(BootstrapTokenSecret.SIGNING))
                .sorted(java.util.Comparator.comparing(t -> t.token().id()))
                .forEach(t -> out.put(
                        ClusterInfo.SIGNATURE_PREFIX + t.token().id(),
                        DetachedJws.sign(kubeconfig, t.token().id(), t.token().secret())));
        return Optional.of(out);
    }

    /** The first instant after {@code now} at which a signing token expires, or empty. */
    public static Optional<Instant> nextExpiry(Collection<BootstrapTokenSecret> tokens, Instant now) {
        return tokens.stream()
                .filter(t -> t.expiration() != null && t.expiration().isAfter(now))
                .map(BootstrapTokenSecret::expiration)
                .min(Instant::compareTo);
    }
}
