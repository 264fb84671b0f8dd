package io.everynode.apiserver.auth;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the API server calls node agents (upstream's {@code --kubelet-client-certificate},
 * {@code --kubelet-client-key} and {@code --kubelet-certificate-authority}): over TLS, presenting
 * {@code certificate}, trusting an agent only when its serving certificate chains to one of
 * {@code agentCas} and names the address dialled.
 */
public record KubeletClientTls(PrivateKey key, X509Certificate certificate, List<X509Certificate> agentCas) {
    public KubeletClientTls {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
        agentCas = List.copyOf(agentCas);
        if (agentCas.isEmpty()) throw new IllegalArgumentException("a CA to verify node agents with is needed");
    }
}
