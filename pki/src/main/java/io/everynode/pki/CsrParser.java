package io.everynode.pki;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Reads a PEM-encoded PKCS#10 certificate signing request and checks that it is signed by the
 * key it carries (upstream's {@code ParseCSR} and {@code CheckSignature}, which the API server
 * runs on every CertificateSigningRequest it accepts). Uses the JDK's signature providers through
 * BouncyCastle's JCA builders; registers no provider. Stateless.
 */
public final class CsrParser {
    static final String PEM_TYPE = "CERTIFICATE REQUEST";

    private CsrParser() {}

    /**
     * @throws IllegalArgumentException with a message for a person: not PEM, not a request, or a
     *     signature that does not verify
     */
    public static ParsedCsr parse(byte[] pem) {
        PemObject block;
        try (PemReader reader = new PemReader(new StringReader(new String(pem, StandardCharsets.US_ASCII)))) {
            block = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            block = null;
        }
        if (block == null || !PEM_TYPE.equals(block.getType())) {
            throw new IllegalArgumentException("PEM block type must be " + PEM_TYPE);
        }
        JcaPKCS10CertificationRequest request;
        PublicKey key;
        try {
            request = new JcaPKCS10CertificationRequest(block.getContent());
            key = request.getPublicKey();
        } catch (IOException | RuntimeException | NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalArgumentException("the PEM block is not a valid PKCS#10 certificate request");
        }
        try {
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
                throw new IllegalArgumentException("the request's signature does not verify with its public key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("the request's signature cannot be checked: " + e.getMessage());
        }
        X500Name subject = request.getSubject();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (GeneralName name : subjectAltNames(request)) {
            switch (name.getTagNo()) {
                case GeneralName.dNSName -> dns.add(text(name.getName()));
                case GeneralName.rfc822Name -> emails.add(text(name.getName()));
                case GeneralName.uniformResourceIdentifier -> uris.add(text(name.getName()));
                case GeneralName.iPAddress -> ips.add(ip(name));
                default -> {}
            }
        }
        return new ParsedCsr(subject, first(subject, BCStyle.CN), all(subject, BCStyle.O), dns, ips, emails, uris, key);
    }

    private static List<GeneralName> subjectAltNames(JcaPKCS10CertificationRequest request) {
        for (Attribute a : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : a.getAttributeValues()) {
                Extensions extensions = Extensions.getInstance(value);
                GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (names != null) return List.of(names.getNames());
            }
        }
        return List.of();
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = all(name, type);
        return values.isEmpty() ? "" : values.get(0);
    }

    private static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) values.add(text(rdn.getFirst().getValue()));
        return values;
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }

    private static String ip(GeneralName name) {
        byte[] octets = ASN1OctetString.getInstance(name.getName()).getOctets();
        try {
            return InetAddress.getByAddress(octets).getHostAddress();
        } catch (UnknownHostException e) {
            return "";
        }
    }
}
