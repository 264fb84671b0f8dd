package io.everynode.apiserver.auth.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.SignedJWT;
import io.everynode.testkit.ManualClock;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenSignerVerifierTest {
    private static final String ISSUER = "https://kubernetes.default.svc.cluster.local";
    private static final KeyPair KEYS = Keys.rsa();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final TokenVerifier verifier = new TokenVerifier(KEYS.getPublic(), ISSUER, List.of(ISSUER), clock);

    private TokenClaims claims(Instant iat, Duration life, List<String> audiences, String issuer) {
        return new TokenClaims(
                issuer,
                audiences,
                iat,
                iat.plus(life),
                "jti-1",
                "team",
                new TokenClaims.Ref("builder", "sa-uid"),
                new TokenClaims.Ref("web-1", "pod-uid"),
                null,
                new TokenClaims.Ref("node-1", "node-uid"));
    }

    private TokenClaims valid() {
        return claims(clock.instant(), Duration.ofHours(1), List.of(ISSUER), ISSUER);
    }

    @Test
    void aSignedTokenVerifiesBackToTheSameClaims() throws Exception {
        String token = new TokenSigner(KEYS).sign(valid());

        TokenClaims back = verifier.verify(token).orElseThrow();

        assertThat(back).isEqualTo(valid());
        assertThat(back.subject()).isEqualTo("system:serviceaccount:team:builder");
    }

    @Test
    void theTokenCarriesUpstreamsHeaderAndClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(new TokenSigner(KEYS).sign(valid()));

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(TokenSigner.keyId(KEYS.getPublic()));
        Map<String, Object> all = jwt.getJWTClaimsSet().getClaims();
        assertThat(all).containsKeys("iss", "sub", "aud", "exp", "iat", "nbf", "jti", "kubernetes.io");
        assertThat(all.get("sub")).isEqualTo("system:serviceaccount:team:builder");
        assertThat(all.get("kubernetes.io").toString())
                .contains(
                        "namespace=team", "serviceaccount={name=builder, uid=sa-uid}", "pod={name=web-1, uid=pod-uid}")
                .contains("node={name=node-1, uid=node-uid}");
    }

    @Test
    void theKeyIdIsTheUnpaddedBase64urlSha256OfThePublicKey() throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(KEYS.getPublic().getEncoded());

        assertThat(TokenSigner.keyId(KEYS.getPublic()))
                .isEqualTo(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(hash))
                .hasSize(43);
    }

    @Test
    void anEllipticCurveKeySignsWithEs256() throws Exception {
        KeyPair ec = Keys.ec();
        String token = new TokenSigner(ec).sign(valid());

        assertThat(SignedJWT.parse(token).getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        assertThat(new TokenVerifier(ec.getPublic(), ISSUER, List.of(ISSUER), clock).verify(token))
                .contains(valid());
    }

    @Test
    void aBearerTokenThatIsNoJwtIsLeftToOtherAuthenticators() throws Exception {
        assertThat(verifier.verify("abcdef.0123456789abcdef")).isEmpty();
        assertThat(verifier.verify("not a token at all")).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheLeewayHasPassed() throws Exception {
        String token = new TokenSigner(KEYS).sign(valid());
        clock.advance(Duration.ofHours(1).plus(TokenVerifier.LEEWAY));
        assertThat(verifier.verify(token)).isPresent();

        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessage("service account token has expired");
    }

    @Test
    void aTokenNotValidYetIsRefused() {
        String token = new TokenSigner(KEYS)
                .sign(claims(
                        clock.instant().plus(Duration.ofMinutes(5)), Duration.ofHours(1), List.of(ISSUER), ISSUER));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessage("service account token is not valid yet");
    }

    @Test
    void aTokenOfAnotherIssuerIsRefused() {
        String token = new TokenSigner(KEYS)
                .sign(claims(clock.instant(), Duration.ofHours(1), List.of(ISSUER), "https://elsewhere.example"));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token =
                new TokenSigner(KEYS).sign(claims(clock.instant(), Duration.ofHours(1), List.of("vault"), ISSUER));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessage("token audiences [vault] is invalid for the target audiences [" + ISSUER + "]");
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        String forged = new TokenSigner(Keys.rsa()).sign(valid());

        assertThatThrownBy(() -> verifier.verify(forged))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessage("token signature is invalid");
    }

    @Test
    void aTokenWhosePayloadWasEditedIsRefused() {
        String[] parts = new TokenSigner(KEYS).sign(valid()).split("\\.");
        String payload = new String(
                        java.util.Base64.getUrlDecoder().decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8)
                .replace("builder", "admin00");
        String edited = parts[0] + "."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> verifier.verify(edited))
                .isInstanceOf(TokenVerifier.InvalidToken.class)
                .hasMessage("token signature is invalid");
    }
}
