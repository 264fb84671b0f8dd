package io.everynode.agent.join;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.api.bootstrap.DetachedJws;
import io.everynode.api.json.Json;
import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.KubeClient;
import io.everynode.client.Kubeconfig;
import io.everynode.pki.CaHash;
import io.everynode.pki.Pem;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * kubeadm's token discovery: reads {@code kube-public/cluster-info} anonymously over TLS that
 * trusts nothing yet, believes its kubeconfig only once the token's detached JWS over it checks
 * out (the server knows the token) and its CA's key matches one of the pinned hashes (the server
 * is the one the user meant), then reads it again over TLS trusting that CA alone and requires
 * the same document.
 *
 * <p>The server may not have signed for a fresh token yet (the bootstrap signer works a moment
 * later) or may not answer yet: those are retried every {@code retryEvery} until
 * {@code timeout} (kubeadm's discovery timeout is 5 minutes). A bad signature or a hash that does
 * not match fails at once.
 */
public final class ClusterDiscovery {
    private final ClientConfig config;
    private final Clock clock;
    private final Duration timeout;
    private final Duration retryEvery;

    public ClusterDiscovery(ClientConfig config, Clock clock, Duration timeout, Duration retryEvery) {
        this.config = config;
        this.clock = clock;
        this.timeout = timeout;
        this.retryEvery = retryEvery;
    }

    /** The CA the server's certificate chains to, as discovered and checked. */
    public record Discovered(URI server, List<X509Certificate> ca) {
        public Discovered {
            ca = List.copyOf(ca);
        }
    }

    /**
     * @param caHashes the pins ({@code sha256:HEX}); empty only with {@code skipCaVerification}
     * @throws JoinFailure when the server cannot be trusted or the token is not known to it
     */
    public Discovered discover(URI server, BootstrapToken token, List<String> caHashes, boolean skipCaVerification) {
        if (caHashes.isEmpty() && !skipCaVerification)
            throw new JoinFailure("using token-based discovery without --discovery-token-ca-cert-hash can be unsafe:"
                    + " pass the hash (everynode token create --print-join-command prints it) or"
                    + " --discovery-token-unsafe-skip-ca-verification to continue");
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            try {
                return attempt(server, token, caHashes, skipCaVerification);
            } catch (Retry r) {
                if (!clock.instant().isBefore(deadline)) throw new JoinFailure(r.getMessage(), r.getCause());
                pause();
            }
        }
    }

    private Discovered attempt(URI server, BootstrapToken token, List<String> caHashes, boolean skip) {
        Map<String, String> data = clusterInfo(server, UntrustedTls.context());
        String kubeconfig = data.get(ClusterInfo.KUBECONFIG);
        if (kubeconfig == null)
            throw new JoinFailure("there is no \"" + ClusterInfo.KUBECONFIG + "\" key in the cluster-info ConfigMap of "
                    + server + ": it is not an Everynode or Kubernetes API server set up for joining");
        String jws = data.get(ClusterInfo.SIGNATURE_PREFIX + token.id());
        if (jws == null)
            throw new Retry(
                    "could not find a JWS signature in the cluster-info ConfigMap for token ID \"" + token.id()
                            + "\": the token may be expired or unknown to this cluster (create one on the server with:"
                            + " everynode token create --print-join-command)",
                    null);
        if (!DetachedJws.verify(jws, kubeconfig, token.id(), token.secret()))
            throw new JoinFailure("failed to verify JWS signature of received cluster info object, can't trust this API"
                    + " Server (is the token's secret right?)");
        List<X509Certificate> ca = caOf(kubeconfig);
        if (!skip && ca.stream().noneMatch(c -> caHashes.stream().anyMatch(h -> CaHash.matches(h, c))))
            throw new JoinFailure("cluster CA found in cluster-info ConfigMap is invalid: none of the public keys \""
                    + CaHash.of(ca.get(0)) + "\" are pinned (--discovery-token-ca-cert-hash gave "
                    + String.join(", ", caHashes) + ")");
        SSLContext trusted = new Kubeconfig(server, ca, null, List.of(), null).sslContext();
        Map<String, String> again = clusterInfo(server, trusted);
        if (!kubeconfig.equals(again.get(ClusterInfo.KUBECONFIG)))
            throw new JoinFailure("the cluster-info read over TLS trusting its CA differs from the one first read: "
                    + "someone is between this node and " + server);
        return new Discovered(server, ca);
    }

    private Map<String, String> clusterInfo(URI server, SSLContext tls) {
        try (KubeClient anonymous = new KubeClient(new HttpTransport(server, config, tls, null), config, clock)) {
            ConfigMap cm = anonymous.get(ConfigMap.class, ClusterInfo.NAMESPACE, ClusterInfo.NAME);
            if (cm == null)
                throw new Retry(
                        "there is no ConfigMap " + ClusterInfo.NAMESPACE + "/" + ClusterInfo.NAME + " on " + server
                                + " yet",
                        null);
            return cm.getData() == null ? Map.of() : cm.getData();
        } catch (JoinFailure | Retry e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Retry("cannot read the cluster-info ConfigMap from " + server + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> caOf(String kubeconfig) {
        try {
            JsonNode cluster = Json.parseYaml(kubeconfig.getBytes(StandardCharsets.UTF_8))
                    .path("clusters")
                    .path(0)
                    .path("cluster");
            String data = cluster.path("certificate-authority-data").asString("");
            if (data.isEmpty()) throw new IllegalArgumentException("it has no certificate-authority-data");
            return Pem.readCertificates(new String(Base64.getMimeDecoder().decode(data), StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            throw new JoinFailure(
                    "the kubeconfig in the cluster-info ConfigMap names no usable CA: " + e.getMessage(), e);
        }
    }

    private void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(retryEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JoinFailure("interrupted while discovering the cluster", e);
        }
    }

    /** A failure that may pass: retried until the timeout, then reported as it is. */
    private static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
