package io.everynode.api.bootstrap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.impl.HMAC;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The detached JWS with which a bootstrap token signs the {@code cluster-info} kubeconfig
 * (upstream's {@code ComputeDetachedSignature}): HS256 keyed by the token secret's bytes, header
 * {@code {"alg":"HS256","kid":"<token-id>"}}, serialized compactly with the payload left out:
 * {@code header..signature}. A joining node that knows the token recomputes it over the
 * kubeconfig it fetched anonymously, which proves the server knows the token too.
 *
 * <p>The MAC is computed with nimbus' HMAC directly, not its {@code MACSigner}: a token secret
 * is 16 characters (128 bits), below the 256 bits {@code MACSigner} insists on for HS256, and
 * upstream signs with exactly those bytes.
 */
public final class DetachedJws {
    private DetachedJws() {}

    /** The detached signature of {@code content} by the token {@code id.secret}. */
    public static String sign(String content, String tokenId, String tokenSecret) {
        JWSHeader header = header(tokenId);
        Base64URL payload = Base64URL.encode(content.getBytes(StandardCharsets.UTF_8));
        return header.toBase64URL() + ".." + mac(header.toBase64URL(), payload, tokenSecret);
    }

    /**
     * Whether {@code detached} is a valid HS256 signature of {@code content} by the token: its
     * header names the algorithm HS256 and {@code tokenId} as key id, and its MAC matches
     * (compared in constant time).
     */
    public static boolean verify(String detached, String content, String tokenId, String tokenSecret) {
        String[] parts = detached.split("\\.", -1);
        if (parts.length != 3 || !parts[1].isEmpty()) return false;
        Base64URL payload = Base64URL.encode(content.getBytes(StandardCharsets.UTF_8));
        JWSObject jws;
        try {
            jws = JWSObject.parse(parts[0] + "." + payload + "." + parts[2]);
        } catch (ParseException e) {
            return false;
        }
        if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm())
                || !tokenId.equals(jws.getHeader().getKeyID())) return false;
        Base64URL expected = mac(jws.getHeader().toBase64URL(), payload, tokenSecret);
        return MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII));
    }

    /** Upstream's header, byte for byte (go-jose writes alg, then kid). */
    private static JWSHeader header(String tokenId) {
        String json = "{\"alg\":\"HS256\",\"kid\":\"" + tokenId + "\"}";
        try {
            return JWSHeader.parse(Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("token id \"" + tokenId + "\" does not fit a JWS header", e);
        }
    }

    private static Base64URL mac(Base64URL header, Base64URL payload, String secret) {
        byte[] input = (header + "." + payload).getBytes(StandardCharsets.US_ASCII);
        try {
            return Base64URL.encode(HMAC.compute(
                    new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), input, null));
        } catch (JOSEException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
