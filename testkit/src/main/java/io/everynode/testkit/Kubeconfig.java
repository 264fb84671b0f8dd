package io.everynode.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Writes the kubeconfig kubectl needs for one server: one cluster, one context, and either no
 * credentials (a plain-HTTP open server), a client certificate, or a bearer token. With
 * credentials the server is https and the cluster's CA is embedded, so kubectl verifies it.
 * PEM text comes in as it is (the pki module writes it); this module stays free of crypto code.
 */
public final class Kubeconfig {
    private Kubeconfig() {}

    /** A kubeconfig without credentials, for a plain-HTTP server open on loopback. */
    public static Path write(Path file, String serverUrl) throws IOException {
        return write(file, serverUrl, "", "{}");
    }

    /** A kubeconfig that trusts {@code caPem} and authenticates with a client certificate and its PKCS#8 key. */
    public static Path withClientCertificate(Path file, String serverUrl, String caPem, String certPem, String keyPem)
            throws IOException {
        return write(
                file,
                serverUrl,
                caLine(caPem),
                "\n    client-certificate-data: " + b64(certPem) + "\n    client-key-data: " + b64(keyPem));
    }

    /** A kubeconfig that trusts {@code caPem} and sends {@code token} as a bearer token. */
    public static Path withToken(Path file, String serverUrl, String caPem, String token) throws IOException {
        return write(file, serverUrl, caLine(caPem), "\n    token: \"" + token + "\"");
    }

    /**
     * A kubeconfig that trusts {@code caPem} and sends no credential (an anonymous client over
     * TLS; kubectl then asks for a user name on a 401, as it does for any https server).
     */
    public static Path anonymous(Path file, String serverUrl, String caPem) throws IOException {
        return write(file, serverUrl, caLine(caPem), "{}");
    }

    private static Path write(Path file, String serverUrl, String caLine, String user) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: %s%s
                  name: everynode
                contexts:
                - context:
                    cluster: everynode
                    user: everynode
                  name: everynode
                current-context: everynode
                users:
                - name: everynode
                  user: %s
                """.formatted(serverUrl, caLine, user));
        return file;
    }

    private static String caLine(String caPem) {
        return "\n    certificate-authority-data: " + b64(caPem);
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
