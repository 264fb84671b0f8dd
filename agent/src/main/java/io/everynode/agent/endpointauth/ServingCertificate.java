package io.everynode.agent.endpointauth;

import io.everynode.pki.KeyAndCertificate;
import java.util.Objects;

/**
 * The endpoint's current serving key and certificate. TLS handshakes read it each time
 * ({@link ServingKeyManager}), so a certificate set here (one the cluster signed, replacing a
 * self-signed one, or a renewal) serves new connections at once; open connections keep theirs.
 */
public final class ServingCertificate {
    private volatile KeyAndCertificate current;

    public ServingCertificate(KeyAndCertificate initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public KeyAndCertificate current() {
        return current;
    }

    public void set(KeyAndCertificate next) {
        current = Objects.requireNonNull(next);
    }
}
