package io.everynode.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
 * The one place X.509 certificates are built and signed (BouncyCastle's builder; no hand-written
 * ASN.1), for the cluster's own certificates ({@link CertificateAuthority}) and for signed
 * requests ({@link CsrSigner}) alike. Every certificate gets a random positive 128-bit serial,
 * critical basic constraints, subject and authority key identifiers, and the key usages,
 * extended key usages and subject alternative names its request names (each extension left out
 * when empty). Stateless; randomness comes from the caller.
 */
final class CertificateMaker {
    /**
     * How far notBefore lies before issuance, so that a clock a little behind the issuer's
     * accepts a certificate at once (upstream's client-go cert util and local signer backdate
     * by as much).
     */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    /**
     * What a certificate is for.
     *
     * @param ca {@code CA:TRUE} in the basic constraints
     * @param keyUsage BouncyCastle {@link KeyUsage} bits, 0 for no key usage extension
     * @param extended extended key usages, empty for none
     */
    record Usages(boolean ca, int keyUsage, List<KeyPurposeId> extended) {
        /** kubeadm's CA: keyCertSign, cRLSign, digitalSignature. */
        static final Usages CA =
                new Usages(true, KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature, List.of());
        /** kubeadm's serving certificates: serverAuth. */
        static final Usages SERVING = leaf(KeyPurposeId.id_kp_serverAuth);
        /** kubeadm's client certificates: clientAuth. */
        static final Usages CLIENT = leaf(KeyPurposeId.id_kp_clientAuth);

        Usages {
            extended = List.copyOf(extended);
        }

        private static Usages leaf(KeyPurposeId purpose) {
            return new Usages(false, KeyUsage.digitalSignature | KeyUsage.keyEncipherment, List.of(purpose));
        }
    }

    /** What to put in a certificate; {@code altNames} are GeneralNames (see {@link #altNames}). */
    record Request(
            X500Name subject,
            PublicKey publicKey,
            Usages usages,
            List<GeneralName> altNames,
            Instant notBefore,
            Instant notAfter) {
        Request {
            altNames = List.copyOf(altNames);
        }
    }

    private CertificateMaker() {}

    /** A request valid from {@link #BACKDATE} before {@code now} until {@code validity} after it. */
    static Request request(
            X500Name subject,
            PublicKey publicKey,
            Usages usages,
            List<GeneralName> altNames,
            Instant now,
            Duration validity) {
        return new Request(subject, publicKey, usages, altNames, now.minus(BACKDATE), now.plus(validity));
    }

    /**
     * A subject of {@code CN=commonName} (left out when null or empty) with one {@code O} per
     * organization, as kubectl and upstream read them.
     */
    static X500Name subject(String commonName, List<String> organizations) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        for (String o : organizations) b.addRDN(BCStyle.O, o);
        if (commonName != null && !commonName.isEmpty()) b.addRDN(BCStyle.CN, commonName);
        return b.build();
    }

    /** Subject alternative names: DNS names, IP literals, e-mail addresses and URIs, in that order. */
    static List<GeneralName> altNames(
            List<String> dnsNames, List<String> ipAddresses, List<String> emailAddresses, List<String> uris) {
        List<GeneralName> names = new ArrayList<>();
        for (String d : dnsNames) names.add(new GeneralName(GeneralName.dNSName, d));
        for (String ip : ipAddresses) names.add(new GeneralName(GeneralName.iPAddress, ip));
        for (String e : emailAddresses) names.add(new GeneralName(GeneralName.rfc822Name, e));
        for (String u : uris) names.add(new GeneralName(GeneralName.uniformResourceIdentifier, u));
        return names;
    }

    /**
     * Signs {@code req} with {@code issuerKey}; {@code issuer} null means self-signed (a new CA).
     *
     * @param random the source of the serial number
     */
    static X509Certificate sign(Request req, X509Certificate issuer, PrivateKey issuerKey, SecureRandom random) {
        try {
            X500Name issuerName = issuer == null
                    ? req.subject()
                    : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName,
                    new BigInteger(128, random).setBit(127),
                    Date.from(req.notBefore()),
                    Date.from(req.notAfter()),
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
            Usages u = req.usages();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(u.ca()));
            if (u.keyUsage() != 0) b.addExtension(Extension.keyUsage, true, new KeyUsage(u.keyUsage()));
            if (!u.extended().isEmpty()) {
                b.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(u.extended().toArray(KeyPurposeId[]::new)));
            }
            if (!req.altNames().isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(req.altNames().toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            b.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not sign a certificate for " + req.subject() + ": " + e, e);
        }
    }

    /** SHA-256 with the key's algorithm (ECDSA or RSA), or Ed25519. */
    static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("cannot sign with a " + key.getAlgorithm() + " key");
        };
    }
}
