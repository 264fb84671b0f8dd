package io.everynode.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster's keys and certificates in its data directory, kubeadm's names under
 * {@code DATA/pki} (0700, every file 0600):
 *
 * <ul>
 *   <li>{@code ca.crt}, {@code ca.key}: the cluster CA (P-256, ten years);
 *   <li>{@code apiserver.crt}, {@code apiserver.key}: the API server's serving certificate
 *       (one year), for the names of {@link SubjectAltNames};
 *   <li>{@code sa.key}, {@code sa.pub}: the RSA 2048 pair ServiceAccount tokens are signed with;
 *   <li>{@code admin.crt}, {@code admin.key}: a client certificate {@code CN=kubernetes-admin,
 *       O=system:masters} (RSA 2048, one year) for the admin kubeconfig;
 *   <li>{@code apiserver-kubelet-client.crt}, {@code .key}: the client certificate the API server
 *       presents to node agents ({@code kubectl logs}), kubeadm's {@code CN=kube-apiserver-kubelet-client,
 *       O=kubeadm:cluster-admins}; Everynode binds no role to that group, so what it may do on an
 *       agent comes from the binding of its user to {@code system:kubelet-api-admin} alone.
 * </ul>
 *
 * <p>{@link #nodeServing} mints (in memory, not stored) a serving certificate for a node agent of
 * this process, as the CSR signer would sign a kubelet-serving request: {@code CN=system:node:NAME,
 * O=system:nodes}, SANs the node's addresses.
 *
 * <p>Several API servers of one cluster share {@code ca.crt}, {@code ca.key}, {@code sa.key} and
 * {@code sa.pub} (copied into each server's {@code DATA/pki} before its first start, as kubeadm
 * copies them to each control-plane host); every other file is the server's own, made from the
 * shared CA. A half pair (a CA without its key, a {@code sa.key} without {@code sa.pub}) is
 * refused, never completed with a new half.
 *
 * <p>{@link #open} creates what is missing and loads the rest. Leaf certificates are renewed
 * when less than a third of their life is left ({@link #renewalDue}), when they were not signed
 * by this CA, and (the serving one) when it does not cover the names asked for; {@link
 * #renewServingIfDue} checks again on the injected clock so a long-running server renews its
 * certificate without a restart.
 */
public final class ClusterPki {
    public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    public static final String ADMIN_USER = "kubernetes-admin";
    public static final String MASTERS = "system:masters";
    /** kubeadm's name for the API server's client certificate towards kubelets. */
    public static final String KUBELET_CLIENT_USER = "kube-apiserver-kubelet-client";
    /** kubeadm's (1.29+) organization of that certificate. */
    public static final String KUBELET_CLIENT_GROUP = "kubeadm:cluster-admins";

    private static final String CA_NAME = "everynode-ca";
    private static final String APISERVER_NAME = "kube-apiserver";

    private final Path dir;
    private final Clock clock;
    private final SubjectAltNames names;
    private final CertificateAuthority ca;
    private final KeyPair serviceAccountKeys;
    private volatile KeyAndCertificate serving;
    private volatile KeyAndCertificate admin;
    private volatile KeyAndCertificate kubeletClient;

    private ClusterPki(Path dir, Clock clock, SubjectAltNames names) throws IOException {
        this.dir = dir;
        this.clock = clock;
        this.names = names;
        this.ca = loadOrCreateCa();
        this.serviceAccountKeys = loadOrCreateServiceAccountKeys();
        this.serving = loadLeaf("apiserver").filter(s -> !servingStale(s)).orElseGet(this::issueServing);
        this.admin = loadLeaf("admin").filter(a -> !leafStale(a)).orElseGet(this::issueAdmin);
        this.kubeletClient =
                loadLeaf("apiserver-kubelet-client").filter(k -> !leafStale(k)).orElseGet(this::issueKubeletClient);
    }

    /** Creates or loads the PKI of the cluster whose data directory is {@code dataDir} (files in {@code dataDir/pki}). */
    public static ClusterPki open(Path dataDir, SubjectAltNames names, Clock clock) throws IOException {
        Path dir = OwnerOnlyFiles.directory(dataDir.resolve("pki"));
        try {
            return new ClusterPki(dir, clock, names);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public Path directory() {
        return dir;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** The API server's current serving key and certificate. */
    public KeyAndCertificate serving() {
        return serving;
    }

    public KeyAndCertificate admin() {
        return admin;
    }

    /** The client certificate the API server presents to node agents, renewed first if due. */
    public synchronized KeyAndCertificate kubeletClient() {
        if (leafStale(kubeletClient)) kubeletClient = issueKubeletClient();
        return kubeletClient;
    }

    /**
     * A new serving key and certificate for the agent of node {@code node}: {@code
     * CN=system:node:NAME}, serverAuth, the IP literals {@code addresses} as SANs, one year.
     */
    public KeyAndCertificate nodeServing(String node, List<String> addresses) {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate cert = ca.issueServing(
                keys.getPublic(),
                "system:node:" + node,
                List.of("system:nodes"),
                List.of(),
                addresses,
                clock.instant(),
                LEAF_VALIDITY);
        return new KeyAndCertificate(keys.getPrivate(), cert);
    }

    /** The key pair ServiceAccount tokens are signed (private) and verified (public) with. */
    public KeyPair serviceAccountKeys() {
        return serviceAccountKeys;
    }

    /** kubeadm's discovery hash of this CA ({@link CaHash}). */
    public String caHash() {
        return CaHash.of(ca.certificate());
    }

    /**
     * Issues a new serving certificate (and key) when the current one is due: less than a third
     * of its life left at the clock's instant. Answers the new one, or empty when none was due.
     */
    public synchronized Optional<KeyAndCertificate> renewServingIfDue() {
        if (!servingStale(serving)) return Optional.empty();
        serving = issueServing();
        return Optional.of(serving);
    }

    /** Writes the admin kubeconfig (the admin certificate, renewed first if due) for {@code serverUrl} to {@code file}, 0600. */
    public synchronized Path writeAdminKubeconfig(Path file, String serverUrl) throws IOException {
        if (leafStale(admin)) admin = issueAdmin();
        return KubeconfigFile.writeWithCertificate(file, serverUrl, ca.certificate(), admin);
    }

    /** Whether {@code cert} has less than a third of its life left at {@code now} (or is not yet valid). */
    public static boolean renewalDue(X509Certificate cert, Instant now) {
        Instant from = cert.getNotBefore().toInstant();
        Instant to = cert.getNotAfter().toInstant();
        Duration life = Duration.between(from, to);
        return now.isBefore(from) || !now.isBefore(to.minus(life.dividedBy(3)));
    }

    private boolean leafStale(KeyAndCertificate leaf) {
        return renewalDue(leaf.certificate(), clock.instant()) || !signedByCa(leaf.certificate());
    }

    private boolean servingStale(KeyAndCertificate s) {
        return leafStale(s) || !namesOf(s.certificate()).covers(names);
    }

    private boolean signedByCa(X509Certificate cert) {
        try {
            cert.verify(ca.certificate().getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static SubjectAltNames namesOf(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    int type = (Integer) san.get(0);
                    if (type == 2) dns.add((String) san.get(1));
                    if (type == 7) ips.add((String) san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            return new SubjectAltNames(List.of(), List.of());
        }
        return new SubjectAltNames(dns, ips);
    }

    private CertificateAuthority loadOrCreateCa() throws IOException {
        Path crt = dir.resolve("ca.crt");
        Path key = dir.resolve("ca.key");
        if (Files.exists(crt) || Files.exists(key)) {
            if (!Files.exists(crt) || !Files.exists(key))
                throw new IOException("the cluster CA in " + dir + " is incomplete: ca.crt and ca.key must both be"
                        + " there (restore the missing one, or remove both to make a new CA, which invalidates"
                        + " every certificate and kubeconfig issued so far)");
            return new CertificateAuthority(new KeyAndCertificate(
                    Pem.readPrivateKey(Files.readString(key)), Pem.readCertificate(Files.readString(crt))));
        }
        CertificateAuthority created = CertificateAuthority.create(CA_NAME, clock.instant());
        OwnerOnlyFiles.write(key, Pem.privateKey(created.keyAndCertificate().key()));
        OwnerOnlyFiles.write(crt, Pem.certificate(created.certificate()));
        return created;
    }

    private KeyPair loadOrCreateServiceAccountKeys() throws IOException {
        Path key = dir.resolve("sa.key");
        Path pub = dir.resolve("sa.pub");
        if (Files.exists(key) || Files.exists(pub)) {
            if (!Files.exists(key) || !Files.exists(pub))
                throw new IOException("the ServiceAccount key pair in " + dir + " is incomplete: sa.key and sa.pub"
                        + " must both be there (copy both from a server of this cluster; a new pair would"
                        + " invalidate every ServiceAccount token issued so far)");
            PublicKey p = Pem.readPublicKey(Files.readString(pub), "RSA");
            return new KeyPair(p, Pem.readPrivateKey(Files.readString(key)));
        }
        KeyPair created = KeyPairs.rsa2048();
        OwnerOnlyFiles.write(key, Pem.privateKey(created.getPrivate()));
        OwnerOnlyFiles.write(pub, Pem.publicKey(created.getPublic()));
        return created;
    }

    private Optional<KeyAndCertificate> loadLeaf(String name) {
        Path crt = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        if (!Files.exists(crt) || !Files.exists(key)) return Optional.empty();
        try {
            return Optional.of(new KeyAndCertificate(
                    Pem.readPrivateKey(Files.readString(key)), Pem.readCertificate(Files.readString(crt))));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // unreadable: issued again
        }
    }

    private KeyAndCertificate issueServing() {
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate cert = ca.issueServing(
                keys.getPublic(),
                APISERVER_NAME,
                names.dnsNames(),
                names.ipAddresses(),
                clock.instant(),
                LEAF_VALIDITY);
        return store("apiserver", new KeyAndCertificate(keys.getPrivate(), cert));
    }

    private KeyAndCertificate issueAdmin() {
        return store("admin", ca.newClient(ADMIN_USER, List.of(MASTERS), clock.instant(), LEAF_VALIDITY));
    }

    private KeyAndCertificate issueKubeletClient() {
        return store(
                "apiserver-kubelet-client",
                ca.newClient(KUBELET_CLIENT_USER, List.of(KUBELET_CLIENT_GROUP), clock.instant(), LEAF_VALIDITY));
    }

    private KeyAndCertificate store(String name, KeyAndCertificate kc) {
        try {
            OwnerOnlyFiles.write(dir.resolve(name + ".key"), Pem.privateKey(kc.key()));
            OwnerOnlyFiles.write(dir.resolve(name + ".crt"), Pem.certificate(kc.certificate()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kc;
    }
}
