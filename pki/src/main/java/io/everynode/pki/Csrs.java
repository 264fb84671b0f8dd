package io.everynode.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
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
        return KeyPairs.ecP256();
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
        PKCS10CertificationRequestBuilder b = new JcaPKCS10CertificationRequestBuilder(
                CertificateMaker.subject(commonName, organizations), keys.getPublic());
        try {
            if (!subjectAltNames.isEmpty()) {
                GeneralName[] names = subjectAltNames.stream()
                        .map(n -> new GeneralName(isAddress(n) ? GeneralName.iPAddress : GeneralName.dNSName, n))
                        .toArray(GeneralName[]::new);
                ExtensionsGenerator ext = new ExtensionsGenerator();
                ext.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                b.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, ext.generate());
            }
            String algorithm = CertificateMaker.signatureAlgorithm(keys.getPrivate());
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
