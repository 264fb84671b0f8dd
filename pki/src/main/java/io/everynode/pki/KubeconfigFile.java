package io.everynode.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Writes a kubeconfig for one cluster, owner-only (0600): the server, the cluster CA embedded
 * as {@code certificate-authority-data}, and the user's credential embedded too
 * ({@code client-certificate-data} and {@code client-key-data}, or a {@code token}), so the
 * file works wherever it is copied, as kubeadm's {@code admin.conf} and k3s's
 * {@code k3s.yaml} do. The cluster and context are named {@code everynode}.
 */
public final class KubeconfigFile {
    public static final String CLUSTER = "everynode";

    private KubeconfigFile() {}

    /** A kubeconfig whose user authenticates with {@code client}'s certificate. */
    public static Path writeWithCertificate(Path file, String server, X509Certificate ca, KeyAndCertificate client)
            throws IOException {
        String user = """
                    client-certificate-data: %s
                    client-key-data: %s
                """.formatted(b64(Pem.certificate(client.certificate())), b64(Pem.privateKey(client.key())));
        return OwnerOnlyFiles.write(file, text(server, ca, userName(client.certificate()), user));
    }

    /**
     * A kubeconfig whose user {@code userName} presents the certificate and key held together in
     * {@code certAndKey} (named by its absolute path), as the kubelet's {@code kubelet.conf}
     * points at {@code kubelet-client-current.pem}: a rotation replaces that file and leaves
     * this one as it is.
     */
    public static Path writeWithCertificateFile(
            Path file, String server, X509Certificate ca, String userName, Path certAndKey) throws IOException {
        String path = quote(certAndKey.toAbsolutePath().toString());
        String user = """
                    client-certificate: %s
                    client-key: %s
                """.formatted(path, path);
        return OwnerOnlyFiles.write(file, text(server, ca, userName, user));
    }

    /** A kubeconfig whose user {@code userName} sends {@code token} as a bearer token. */
    public static Path writeWithToken(Path file, String server, X509Certificate ca, String userName, String token)
            throws IOException {
        if (token.contains("\n") || token.contains("\"")) throw new IllegalArgumentException("not a token: " + token);
        return OwnerOnlyFiles.write(file, text(server, ca, userName, "    token: \"" + token + "\"\n"));
    }

    private static String text(String server, X509Certificate ca, String userName, String userFields) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    certificate-authority-data: %s
                    server: %s
                  name: %s
                contexts:
                - context:
                    cluster: %s
                    user: %s
                  name: %s
                current-context: %s
                preferences: {}
                users:
                - name: %s
                  user:
                %s""".formatted(
                        b64(Pem.certificate(ca)),
                        server,
                        CLUSTER,
                        CLUSTER,
                        quote(userName),
                        CLUSTER,
                        CLUSTER,
                        quote(userName),
                        userFields);
    }

    /** The certificate's CN, the name kubectl shows for the user. */
    private static String userName(X509Certificate cert) {
        return new org.bouncycastle.asn1.x500.X500Name(
                        cert.getSubjectX500Principal().getName())
                .getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN)[0]
                .getFirst()
                .getValue()
                .toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
