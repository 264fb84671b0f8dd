package io.everynode.apiserver.http;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HttpFrontend} serves HTTPS with.
 *
 * @param key the serving certificate's private key
 * @param chain the serving certificate first, then any intermediates
 * @param clientCas the CAs a client certificate must chain to (the cluster CA); a client that
 *     presents one that does not is refused in the handshake, one that presents none goes on
 *     (client certificates are wanted, not needed: tokens and anonymous requests use TLS too)
 */
public record ServingTls(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> clientCas) {
    public ServingTls {
        Objects.requireNonNull(key, "key");
        chain = List.copyOf(chain);
        clientCas = List.copyOf(clientCas);
        if (chain.isEmpty()) throw new IllegalArgumentException("a serving certificate is needed");
    }
}
