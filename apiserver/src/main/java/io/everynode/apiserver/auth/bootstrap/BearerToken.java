package io.everynode.apiserver.auth.bootstrap;

import io.everynode.apiserver.ApiRequest;
import java.util.Locale;
import java.util.Optional;

/** The bearer token of a request's {@code Authorization} header, as upstream's bearertoken reads it. */
final class BearerToken {
    private BearerToken() {}

    /** The token after {@code Bearer } (scheme in any case), or empty when there is none. */
    static Optional<String> of(ApiRequest req) {
        String header = req.header("authorization");
        if (header == null) return Optional.empty();
        String[] parts = header.trim().split(" ", 3);
        if (parts.length < 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) return Optional.empty();
        String token = parts[1].trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
