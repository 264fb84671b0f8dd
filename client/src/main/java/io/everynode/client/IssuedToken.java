package io.everynode.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A ServiceAccount token the TokenRequest API issued ({@link KubeClient#createToken}).
 *
 * @param token the bearer token
 * @param expiry {@code status.expirationTimestamp}: the token is refused after it
 */
public record IssuedToken(String token, Instant expiry) {
    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(expiry, "expiry");
    }

    @Override
    public String toString() {
        return "IssuedToken[expiry=" + expiry + "]"; // never the token itself: it is a credential
    }
}
