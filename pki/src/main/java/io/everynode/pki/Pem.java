package io.everynode.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text of certificates and keys. Private keys are always written as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), which kubectl and the JDK's KeyFactory both read, so clients
 * need no BouncyCastle; reading also takes the PKCS#1 and SEC1 forms ({@code BEGIN RSA PRIVATE
 * KEY}, {@code BEGIN EC PRIVATE KEY}) that openssl and older tools write.
 */
public final class Pem {
    private Pem() {}

    public static String certificate(X509Certificate cert) {
        try {
            return write("CERTIFICATE", cert.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalArgumentException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /** Several certificates, one block each, in order (a chain leaf first). */
    public static String certificates(List<X509Certificate> certs) {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certs) sb.append(certificate(c));
        return sb.toString();
    }

    /** The key as PKCS#8 ({@code BEGIN PRIVATE KEY}). */
    public static String privateKey(PrivateKey key) {
        return write("PRIVATE KEY", key.getEncoded());
    }

    /** The key's SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}), as upstream's {@code sa.pub}. */
    public static String publicKey(PublicKey key) {
        return write("PUBLIC KEY", key.getEncoded());
    }

    /** Every certificate in {@code pem}, in order; an {@link IllegalArgumentException} when there is none. */
    public static List<X509Certificate> readCertificates(String pem) {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : f.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))))
                out.add((X509Certificate) c);
            if (out.isEmpty()) throw new IllegalArgumentException("no certificate in the PEM text");
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM certificate: " + e.getMessage(), e);
        }
    }

    public static X509Certificate readCertificate(String pem) {
        return readCertificates(pem).get(0);
    }

    /** The first private key in {@code pem}: PKCS#8, PKCS#1 (RSA) or SEC1 (EC). */
    public static PrivateKey readPrivateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
                if (o instanceof PEMKeyPair pair)
                    return pair.getPublicKeyInfo() != null
                            ? converter.getKeyPair(pair).getPrivate()
                            : converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            throw new IllegalArgumentException("no private key in the PEM text");
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM private key: " + e.getMessage(), e);
        }
    }

    /** A {@code BEGIN PUBLIC KEY} block, for the key algorithm {@code algorithm} (RSA or EC). */
    public static PublicKey readPublicKey(String pem, String algorithm) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (!(o instanceof org.bouncycastle.asn1.x509.SubjectPublicKeyInfo info))
                throw new IllegalArgumentException("no public key in the PEM text");
            return KeyFactory.getInstance(algorithm)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(info.getEncoded()));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PEM public key: " + e.getMessage(), e);
        }
    }

    private static String write(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter w = new PemWriter(out)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
