package io.everynode.apiserver.auth.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs ServiceAccount tokens with the server's key: RS256 for an RSA key, ES256 for a P-256 key
 * (the algorithms upstream picks for those keys), with the {@code kid} header of {@link #keyId}.
 * The claims are upstream's: {@code iss}, {@code sub}, {@code aud}, {@code exp}, {@code iat},
 * {@code nbf}, {@code jti} and the private {@code kubernetes.io} claim naming the namespace, the
 * ServiceAccount and the bound pod, secret or node (each with its uid).
 */
public final class TokenSigner {
    private final JWSSigner signer;
    private final JWSHeader header;

    public TokenSigner(KeyPair keys) {
        try {
            if (keys.getPrivate() instanceof ECPrivateKey ec) {
                this.signer = new ECDSASigner(ec);
                this.header = new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(keyId(keys.getPublic()))
                        .build();
            } else {
                this.signer = new RSASSASigner(keys.getPrivate());
                this.header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(keyId(keys.getPublic()))
                        .build();
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign ServiceAccount tokens with this key: " + e.getMessage(), e);
        }
    }

    /** The compact JWS of {@code claims}. */
    public String sign(TokenClaims claims) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .audience(claims.audiences())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiry()))
                .jwtID(claims.id());
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("namespace", claims.namespace());
        k8s.put("serviceaccount", ref(claims.serviceAccount()));
        if (claims.pod() != null) k8s.put("pod", ref(claims.pod()));
        if (claims.secret() != null) k8s.put("secret", ref(claims.secret()));
        if (claims.node() != null) k8s.put("node", ref(claims.node()));
        b.claim(TokenVerifier.KUBERNETES_CLAIM, k8s);
        SignedJWT jwt = new SignedJWT(header, b.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a ServiceAccount token failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * Upstream's key id: the unpadded base64url SHA-256 of the public key's DER
     * (SubjectPublicKeyInfo) encoding, so verifiers can tell keys apart across rotations.
     */
    public static String keyId(PublicKey key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Map<String, Object> ref(TokenClaims.Ref r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("uid", r.uid());
        return m;
    }
}
