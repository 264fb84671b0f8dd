package io.everynode.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * kubeadm's CA public key pin ({@code --discovery-token-ca-cert-hash}): {@code sha256:} and the
 * lower-case hex SHA-256 of the CA certificate's DER SubjectPublicKeyInfo. Pinning the key, not
 * the certificate, keeps the hash valid when the CA certificate is re-issued for the same key.
 */
public final class CaHash {
    public static final String PREFIX = "sha256:";

    private CaHash() {}

    public static String of(X509Certificate ca) {
        try {
            byte[] spki = ca.getPublicKey().getEncoded(); // X.509 SubjectPublicKeyInfo DER
            return PREFIX
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Whether {@code ca}'s key is the one {@code hash} pins (case of the hex digits ignored). */
    public static boolean matches(String hash, X509Certificate ca) {
        return hash != null && of(ca).equals(hash.strip().toLowerCase(Locale.ROOT));
    }
}
