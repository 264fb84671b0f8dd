package io.everynode.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Makes certificate signing requests, as a node agent does to obtain its client certificate
 * ({@code CN=system:node:NAME, O=system:nodes}) or anyone does for a kube-apiserver-client one.
 * Stateless.
 */
public final class Csrs {
    private Csrs() {}

    /** A new ECDSA P-256 key pair, the kind kubelets make for their certificates. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no P-256 keys", e);
        }
    }

    /**
     * A PEM-encoded PKCS#10 request for {@code keys}, signed with its private key.
     *
     * @param organizations the subject's O values (Kubernetes groups), in order
     * @param subjectAltNames DNS names and IP address literals (an IPv4 dotted quad or anything
     *     with a colon is taken as an address)
     */
    public static byte[] create(
            KeyPair keys, String commonName, List<String> organizations, List<String> subjectAltNames) {
        X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
        for (String o : organizations) subject.addRDN(BCStyle.O, o);
        if (commonName != null && !commonName.isEmpty()) subject.addRDN(BCStyle.CN, commonName);
        PKCS10CertificationRequestBuilder b =
                new JcaPKCS10CertificationRequestBuilder(subject.build(), keys.getPublic());
        try {
            if (!subjectAltNames.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : subjectAltNames) {
                    names.add(new GeneralName(isAddress(san) ? GeneralName.iPAddress : GeneralName.dNSName, san));
                }
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String algorithm = keys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] der = b.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()))
                    .getEncoded();
            StringWriter out = new StringWriter();
            try (PemWriter pem = new PemWriter(out)) {
                pem.writeObject(new PemObject(CsrParser.PEM_TYPE, der));
            }
            return out.toString().getBytes(StandardCharsets.US_ASCII);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("could not build the certificate request: " + e.getMessage(), e);
        }
    }

    private static boolean isAddress(String s) {
        return s.contains(":") || s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
