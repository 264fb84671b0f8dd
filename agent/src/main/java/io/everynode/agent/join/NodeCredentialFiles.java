package io.everynode.agent.join;

import io.everynode.client.Kubeconfig;
import io.everynode.pki.KeyAndCertificate;
import io.everynode.pki.KubeconfigFile;
import io.everynode.pki.OwnerOnlyFiles;
import io.everynode.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A joined node's credentials under its directory, laid out as the kubelet's:
 * {@code kubelet.conf} (the server, the CA embedded, the user's certificate and key by path) and
 * {@code pki/kubelet-client-current.pem} (certificate then key). Both owner-only, the directory
 * {@code pki} 0700. A rotation replaces the PEM file only, atomically.
 */
public final class NodeCredentialFiles {
    private final Path dir;

    public NodeCredentialFiles(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    public Path kubeconfig() {
        return dir.resolve("kubelet.conf");
    }

    public Path certificateAndKey() {
        return dir.resolve("pki").resolve("kubelet-client-current.pem");
    }

    /** Writes both files for a node that has just joined {@code server}. */
    public void write(URI server, X509Certificate ca, String nodeName, KeyAndCertificate client) {
        try {
            writeCertificate(client);
            KubeconfigFile.writeWithCertificateFile(
                    kubeconfig(), server.toString(), ca, "system:node:" + nodeName, certificateAndKey());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the node's credentials under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the certificate and key (a rotation); the kubeconfig keeps pointing at them. */
    public void writeCertificate(KeyAndCertificate client) throws IOException {
        OwnerOnlyFiles.directory(certificateAndKey().getParent());
        OwnerOnlyFiles.write(certificateAndKey(), Pem.certificate(client.certificate()) + Pem.privateKey(client.key()));
    }

    /** The credentials as they are on disk. */
    public Kubeconfig load() throws IOException {
        return Kubeconfig.load(kubeconfig());
    }

    /**
     * The credentials written by an earlier join, when there are some whose certificate is valid
     * at {@code now}; empty when there are none, or they have expired (the node joins again).
     *
     * @throws UncheckedIOException when the files are there but cannot be read
     */
    public Optional<Kubeconfig> loadValid(Instant now) {
        if (!Files.exists(kubeconfig()) || !Files.exists(certificateAndKey())) return Optional.empty();
        Kubeconfig k;
        try {
            k = load();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the node's credentials " + kubeconfig() + ": " + e.getMessage(), e);
        }
        List<X509Certificate> certs = k.clientCertificates();
        if (certs.isEmpty() || k.clientKey() == null) return Optional.empty();
        X509Certificate leaf = certs.get(0);
        boolean valid = !now.isBefore(leaf.getNotBefore().toInstant())
                && now.isBefore(leaf.getNotAfter().toInstant());
        return valid ? Optional.of(k) : Optional.empty();
    }
}
