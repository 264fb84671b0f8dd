package io.everynode.client;

import io.everynode.api.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The current context of a kubeconfig file, as far as this client uses it: the server, the CA
 * it must present a certificate of, the user's client certificate and key or bearer token, and
 * the context's namespace.
 * Embedded {@code *-data} fields and file paths (relative to the kubeconfig's directory) are both
 * read. With the JDK alone: certificates through {@link CertificateFactory}, keys as PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC), which is what Everynode writes; other key forms are
 * refused with a message saying so.
 *
 * @param server the API server's URL
 * @param certificateAuthority the CAs the server's certificate must chain to; empty: the JDK's
 *     default trust
 * @param clientKey the client certificate's key, or null
 * @param clientCertificates the client certificate chain, empty when none
 * @param token a bearer token, or null
 * @param namespace the current context's {@code namespace}, or null when it names none (kubectl
 *     then works in "default")
 */
public record Kubeconfig(
        URI server,
        List<X509Certificate> certificateAuthority,
        PrivateKey clientKey,
        List<X509Certificate> clientCertificates,
        String token,
        String namespace) {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();
    private static final Pattern CERTIFICATE_BLOCK =
            Pattern.compile("-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----");

    public Kubeconfig {
        certificateAuthority = List.copyOf(certificateAuthority);
        clientCertificates = List.copyOf(clientCertificates);
        namespace = namespace == null || namespace.isEmpty() ? null : namespace;
    }

    /** A context that names no namespace. */
    public Kubeconfig(
            URI server,
            List<X509Certificate> certificateAuthority,
            PrivateKey clientKey,
            List<X509Certificate> clientCertificates,
            String token) {
        this(server, certificateAuthority, clientKey, clientCertificates, token, null);
    }

    /** Reads {@code file}'s current context. */
    public static Kubeconfig load(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toAbsolutePath().getParent(), file.toString());
    }

    /**
     * Reads the current context of a kubeconfig's text; {@code origin} names it in messages.
     *
     * @param base where file paths in it are resolved, or null: then a path instead of
     *     {@code *-data} is an error (a kubeconfig sent over the network names no local files)
     */
    public static Kubeconfig parse(byte[] text, Path base, String origin) throws IOException {
        JsonNode root;
        try {
            root = Json.parseYaml(text);
        } catch (RuntimeException e) {
            throw new IOException(origin + ": not YAML or JSON", e);
        }
        String file = origin;
        String contextName = root.path("current-context").asString("");
        JsonNode context =
                named(root.path("contexts"), contextName, "context", file).path("context");
        JsonNode cluster = named(root.path("clusters"), context.path("cluster").asString(""), "cluster", file)
                .path("cluster");
        JsonNode user = root.path("users").isMissingNode()
                ? Json.object()
                : namedOrEmpty(root.path("users"), context.path("user").asString(""))
                        .path("user");
        String server = cluster.path("server").asString("");
        if (server.isEmpty())
            throw new IOException(file + ": the cluster of context " + contextName + " has no server");
        try {
            List<X509Certificate> ca = certificates(pem(cluster, "certificate-authority", base));
            List<X509Certificate> certs = certificates(pem(user, "client-certificate", base));
            String keyPem = pem(user, "client-key", base);
            PrivateKey key = keyPem == null ? null : privateKey(keyPem);
            String token = user.path("token").isMissingNode()
                    ? null
                    : user.path("token").asString();
            String namespace = context.path("namespace").asString("");
            return new Kubeconfig(URI.create(server), ca, key, certs, token, namespace);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** An SSLContext trusting {@link #certificateAuthority} and presenting the client certificate, if any. */
    public SSLContext sslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (certificateAuthority.isEmpty()) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore trust = emptyStore();
                for (int i = 0; i < certificateAuthority.size(); i++)
                    trust.setCertificateEntry("ca-" + i, certificateAuthority.get(i));
                tmf.init(trust);
            }
            KeyStore keys = emptyStore();
            if (clientKey != null && !clientCertificates.isEmpty())
                keys.setKeyEntry("client", clientKey, IN_MEMORY, clientCertificates.toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, IN_MEMORY);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up TLS from the kubeconfig: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    private static JsonNode named(JsonNode list, String name, String what, String file) throws IOException {
        JsonNode n = namedOrEmpty(list, name);
        if (n.isMissingNode()) throw new IOException(file + ": no " + what + " named \"" + name + "\"");
        return n;
    }

    private static JsonNode namedOrEmpty(JsonNode list, String name) {
        for (JsonNode e : list) {
            if (e.path("name").asString("").equals(name)) return e;
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    /** The PEM text of {@code field-data} (base64) or of the file {@code field} names; null when neither is set. */
    private static String pem(JsonNode node, String field, Path base) throws IOException {
        JsonNode data = node.path(field + "-data");
        if (!data.isMissingNode() && !data.asString("").isEmpty())
            return new String(Base64.getMimeDecoder().decode(data.asString()), StandardCharsets.US_ASCII);
        JsonNode path = node.path(field);
        if (!path.isMissingNode() && !path.asString("").isEmpty()) {
            if (base == null)
                throw new IOException(
                        field + " names a file (" + path.asString() + "); give " + field + "-data instead");
            return Files.readString(base.resolve(path.asString()));
        }
        return null;
    }

    /**
     * The CERTIFICATE blocks of {@code pem}; other blocks are skipped, so one file may hold a
     * certificate and its key, as the kubelet's {@code kubelet-client-current.pem} does.
     */
    private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        if (pem == null) return List.of();
        StringBuilder certs = new StringBuilder();
        Matcher m = CERTIFICATE_BLOCK.matcher(pem);
        while (m.find()) certs.append(m.group()).append('\n');
        List<X509Certificate> out = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certs.toString().getBytes(StandardCharsets.US_ASCII))))
            out.add((X509Certificate) c);
        return out;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf("-----END PRIVATE KEY-----");
        if (from < 0 || to < from)
            throw new IllegalArgumentException("the client key must be PKCS#8 (BEGIN PRIVATE KEY), as Everynode"
                    + " writes it; convert another form with: openssl pkcs8 -topk8 -nocrypt");
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
