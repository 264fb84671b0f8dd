package io.everynode.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * The key pairs a cluster uses. Certificates get ECDSA P-256 keys: a key is made in a
 * millisecond (an RSA 2048 key can take a second on a small machine, and {@code up} makes
 * several on first start), handshakes cost less, and kubectl, Go's TLS and the JDK all speak
 * it (kubeadm offers it as {@code encryptionAlgorithm: ECDSA-P256}). ServiceAccount tokens get
 * RSA 2048, because RS256 is the one algorithm every token consumer accepts; so do client
 * certificates written into kubeconfigs (see {@link CertificateAuthority#newClient}).
 */
public final class KeyPairs {
    private KeyPairs() {}

    /** A new ECDSA key pair on the NIST P-256 curve. */
    public static KeyPair ecP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys", e);
        }
    }

    /** A new 2048-bit RSA key pair. */
    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys", e);
        }
    }
}
