package io.everynode.apiserver.auth.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a bearer token that is a signed JWT against the server's ServiceAccount key: signature,
 * issuer, audience, and the time claims with upstream's one minute of leeway for clocks that
 * disagree (go-jose's {@code DefaultLeeway}). Whether the objects it names still exist is the
 * authenticator's job, not this class's.
 */
public final class TokenVerifier {
    /** The private claim that holds namespace, serviceaccount and the bound objects. */
    static final String KUBERNETES_CLAIM = "kubernetes.io";

    static final Duration LEEWAY = Duration.ofMinutes(1);

    /** Why a token that is ours (a JWT) is refused; the message is for the server's log, never the client. */
    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(String message) {
            super(message);
        }
    }

    private final JWSVerifier verifier;
    private final String issuer;
    private final List<String> audiences;
    private final Clock clock;

    /**
     * @param audiences the server's API audiences: a token must name at least one (upstream
     *     defaults them to the issuer)
     */
    public TokenVerifier(PublicKey key, String issuer, List<String> audiences, Clock clock) {
        try {
            if (key instanceof ECPublicKey ec) this.verifier = new ECDSAVerifier(ec);
            else if (key instanceof RSAPublicKey rsa) this.verifier = new RSASSAVerifier(rsa);
            else throw new IllegalArgumentException("ServiceAccount keys must be RSA or EC, not " + key.getAlgorithm());
        } catch (JOSEException e) {
            throw new IllegalArgumentException(
                    "cannot verify ServiceAccount tokens with this key: " + e.getMessage(), e);
        }
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
        this.clock = clock;
    }

    /**
     * The claims of {@code token}.
     *
     * @return empty when {@code token} is no signed JWT at all (a bootstrap token, say): another
     *     authenticator's kind of credential
     * @throws InvalidToken when it is a JWT that this server must refuse
     */
    public Optional<TokenClaims> verify(String token) throws InvalidToken {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Optional.empty();
        }
        if (!issuer.equals(claims.getIssuer()))
            throw new InvalidToken("token issuer \"" + claims.getIssuer() + "\" is not \"" + issuer + "\"");
        try {
            if (!jwt.verify(verifier)) throw new InvalidToken("token signature is invalid");
        } catch (JOSEException e) {
            throw new InvalidToken("token signature cannot be checked: " + e.getMessage());
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains))
            throw new InvalidToken("token audiences " + aud + " is invalid for the target audiences " + audiences);
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime());
        if (exp == null) throw new InvalidToken("service account token has no expiry");
        if (now.isAfter(exp.plus(LEEWAY))) throw new InvalidToken("service account token has expired");
        Instant nbf = instant(claims.getNotBeforeTime());
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf))
            throw new InvalidToken("service account token is not valid yet");
        Instant iat = instant(claims.getIssueTime());
        if (iat != null && now.plus(LEEWAY).isBefore(iat))
            throw new InvalidToken("service account token is issued in the future");
        return Optional.of(decode(claims, iat == null ? now : iat, exp));
    }

    private static TokenClaims decode(JWTClaimsSet claims, Instant iat, Instant exp) throws InvalidToken {
        Object k8s = claims.getClaim(KUBERNETES_CLAIM);
        if (!(k8s instanceof Map<?, ?> m) || !(m.get("namespace") instanceof String ns))
            throw new InvalidToken("token has no kubernetes.io namespace claim");
        TokenClaims.Ref sa = ref(m.get("serviceaccount"));
        if (sa == null) throw new InvalidToken("token has no kubernetes.io serviceaccount claim");
        if (!("system:serviceaccount:" + ns + ":" + sa.name()).equals(claims.getSubject()))
            throw new InvalidToken("token subject \"" + claims.getSubject() + "\" does not match its claims");
        String jti = claims.getJWTID() == null ? "" : claims.getJWTID();
        return new TokenClaims(
                claims.getIssuer(),
                claims.getAudience(),
                iat,
                exp,
                jti,
                ns,
                sa,
                ref(m.get("pod")),
                ref(m.get("secret")),
                ref(m.get("node")));
    }

    private static TokenClaims.Ref ref(Object o) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("name") instanceof String name)) return null;
        return new TokenClaims.Ref(name, m.get("uid") instanceof String uid ? uid : "");
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
