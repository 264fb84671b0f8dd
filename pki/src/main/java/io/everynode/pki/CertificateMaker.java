package io.everynode.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The one place certificates are built and signed (BouncyCastle's builder; no hand-written
 * ASN.1). What a certificate is for decides its extensions, as kubeadm's certificates have them:
 * a CA is {@code CA:TRUE} with keyCertSign; a serving certificate has serverAuth and its SANs; a
 * client certificate has clientAuth. Every certificate gets a random 128-bit serial, subject and
 * authority key identifiers, and a notBefore a few minutes back so that a clock a little behind
 * the issuer's accepts it at once.
 */
final class CertificateMaker {
    /** How far notBefore lies before issuance (upstream's client-go cert util backdates too). */
    static final java.time.Duration BACKDATE = java.time.Duration.ofMinutes(5);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a certificate is for. */
    enum Use {
        CA,
        SERVING,
        CLIENT
    }

    /** What to put in a certificate. */
    record Request(
            X500Name subject,
            PublicKey publicKey,
            Use use,
            List<String> dnsNames,
            List<String> ipAddresses,
            Instant now,
            java.time.Duration validity) {}

    private CertificateMaker() {}

    /** A subject of {@code CN=commonName} with one {@code O} per organization, as kubectl and upstream read them. */
    static X500Name subject(String commonName, List<String> organizations) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (String o : organizations) b.addRDN(BCStyle.O, o);
        b.addRDN(BCStyle.CN, commonName);
        return b.build();
    }

    /**
     * Signs {@code req} with {@code issuerKey}; {@code issuer} null means self-signed (a new CA).
     */
    static X509Certificate sign(Request req, X509Certificate issuer, PrivateKey issuerKey) {
        try {
            X500Name issuerName = issuer == null
                    ? req.subject()
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            Instant notBefore = req.now().minus(BACKDATE);
            Instant notAfter = req.now().plus(req.validity());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName,
                    new BigInteger(128, RANDOM).setBit(127),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    req.subject(),
                    req.publicKey());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(req.publicKey()));
            b.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    issuer == null
                            ? ext.createAuthorityKeyIdentifier(req.publicKey())
                            : ext.createAuthorityKeyIdentifier(issuer));
            switch (req.use()) {
                case CA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                }
                case SERVING -> {
                    leaf(b);
                    b.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                    b.addExtension(Extension.subjectAlternativeName, false, sans(req));
                }
                case CLIENT -> {
                    leaf(b);
                    b.addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            b.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not sign a certificate for " + req.subject() + ": " + e, e);
        }
    }

    private static void leaf(X509v3CertificateBuilder b) throws java.io.IOException {
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    }

    private static GeneralNames sans(Request req) {
        List<GeneralName> names = new ArrayList<>();
        for (String d : req.dnsNames()) names.add(new GeneralName(GeneralName.dNSName, d));
        for (String ip : req.ipAddresses()) names.add(new GeneralName(GeneralName.iPAddress, ip));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** SHA256withECDSA for EC keys, SHA256withRSA for RSA keys. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }
}
