package io.everynode.dashboard.signin;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.auth.AccessControl;
import io.everynode.apiserver.auth.Authenticator;
import io.everynode.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-in sessions: bearer tokens it issues for a user the API server itself
 * authenticated (a client certificate, {@link CertificateSignIn}), and the authenticator that
 * lets the API accept them as that user. It is one more link of the API's own authenticator
 * chain (SecurityConfig#extraAuthenticators), so RBAC judges a session's calls exactly as the
 * certificate's.
 *
 * <p>Contracts: a token is {@value #PREFIX} and 256 random bits; only its SHA-256 is kept (in
 * memory: a restart ends every session). A session lives {@code ttl}, never past the
 * certificate's own end. A bearer token without the prefix is not this authenticator's (empty);
 * one with it that is unknown or expired is refused 401, never treated as anonymous.
 */
public final class Sessions implements Authenticator {
    /** What tells a session token from a ServiceAccount or bootstrap token. */
    public static final String PREFIX = "everynode-dashboard-session.";
    /** More live sessions than this is a flood, not people signing in. */
    static final int MAX_SESSIONS = 10_000;

    private record Session(UserInfo user, Instant expires) {}

    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random;
    private final Map<String, Session> byHash = new ConcurrentHashMap<>();

    public Sessions(Clock clock, Duration ttl, SecureRandom random) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("a session lives a positive time");
        this.clock = clock;
        this.ttl = ttl;
        this.random = random;
    }

    /** A token and when it ends. */
    public record Issued(String token, Instant expires) {}

    /**
     * A new session for {@code user}, ending after the ttl or at {@code notAfter}, whichever is first.
     *
     * @throws IllegalStateException when {@link #MAX_SESSIONS} are live
     */
    public Issued issue(UserInfo user, Instant notAfter) {
        Instant now = clock.instant();
        byHash.values().removeIf(s -> !s.expires().isAfter(now));
        if (byHash.size() >= MAX_SESSIONS)
            throw new IllegalStateException("too many dashboard sessions are open; try again later");
        Instant end = now.plus(ttl);
        if (notAfter != null && notAfter.isBefore(end)) end = notAfter;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byHash.put(hash(token), new Session(user, end));
        return new Issued(token, end);
    }

    /** Ends the session of {@code token} (signing out); unknown tokens are ignored. */
    public void end(String token) {
        byHash.remove(hash(token));
    }

    @Override
    public Optional<UserInfo> authenticate(ApiRequest request) {
        String token = bearer(request);
        if (token == null || !token.startsWith(PREFIX)) return Optional.empty();
        Session s = byHash.get(hash(token));
        if (s == null) throw AccessControl.unauthorized();
        if (!s.expires().isAfter(clock.instant())) {
            byHash.remove(hash(token));
            throw AccessControl.unauthorized();
        }
        return Optional.of(s.user());
    }

    private static String bearer(ApiRequest request) {
        String header = request.header("authorization");
        if (header == null) return null;
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : null;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
