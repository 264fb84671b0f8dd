package io.everynode.dashboard.signin;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.client.ClientConfig;
import io.everynode.client.HttpTransport;
import io.everynode.client.Kubeconfig;
import io.everynode.client.Transport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * Signs in a kubeconfig user that has a client certificate. The API server is the judge, not
 * this class: it opens one TLS connection to the API's own port presenting the certificate and
 * its key, and asks "who am I" (a SelfSubjectReview), so the handshake's check against the
 * cluster CA, the key's proof of possession and the x509 authenticator are the API's own. The
 * user it answers gets a {@link Sessions} token; the key is used for that one handshake, in
 * memory, and kept nowhere.
 *
 * <p>The issuer and validity are looked at first only to word the refusal (a certificate of
 * another CA is not even offered in the handshake, and the API would just see nobody).
 */
public final class CertificateSignIn {
    private static final String WHO_AM_I = "/apis/authentication.k8s.io/v1/selfsubjectreviews";

    private final X509Certificate clusterCa;
    private final Sessions sessions;
    private final Clock clock;

    /** @param clusterCa the CA the API's TLS front trusts client certificates of; null: a server without TLS */
    public CertificateSignIn(X509Certificate clusterCa, Sessions sessions, Clock clock) {
        this.clusterCa = clusterCa;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A session for the signed-in user, or why there is none (a message for people) and the field at fault. */
    public record Outcome(Sessions.Issued session, String user, String problem, String field) {
        static Outcome refused(String problem, String field) {
            return new Outcome(null, null, problem, field);
        }
    }

    /**
     * Signs in the current user of {@code kubeconfig} (its server is ignored) with the API at
     * {@code api}, the port the request came in on.
     */
    public Outcome signIn(byte[] kubeconfig, URI api) {
        if (clusterCa == null)
            return Outcome.refused(
                    "this server has no TLS, so no client certificate can sign in; use a token", "kubeconfig");
        Kubeconfig k;
        try {
            k = Kubeconfig.parse(kubeconfig, null, "the kubeconfig");
        } catch (IOException | RuntimeException e) {
            return Outcome.refused(e.getMessage(), "kubeconfig");
        }
        if (k.clientCertificates().isEmpty() || k.clientKey() == null)
            return Outcome.refused(
                    "the user needs both client-certificate-data and client-key-data", "users[].user.client-key-data");
        X509Certificate leaf = k.clientCertificates().get(0);
        String wording = wording(leaf);
        if (wording != null) return Outcome.refused(wording, "users[].user.client-certificate-data");
        UserInfo user;
        try {
            user = whoAmI(
                    new Kubeconfig(api, List.of(clusterCa), k.clientKey(), k.clientCertificates(), null).sslContext(),
                    api);
        } catch (IOException | RuntimeException e) {
            return Outcome.refused("the API server could not be asked who the certificate is: " + e.getMessage(), null);
        }
        if (user == null || user.name().isEmpty() || user.name().equals(UserInfo.ANONYMOUS.name()))
            return Outcome.refused(
                    "the API server did not accept the client certificate ("
                            + leaf.getSubjectX500Principal().getName()
                            + "): its key does not match it, or it names no user",
                    "users[].user.client-certificate-data");
        try {
            return new Outcome(sessions.issue(user, leaf.getNotAfter().toInstant()), user.name(), null, null);
        } catch (IllegalStateException e) {
            return Outcome.refused(e.getMessage(), null);
        }
    }

    /** Ends the session of {@code token} (signing out); other tokens are not the dashboard's to end. */
    public void signOut(String token) {
        if (token.startsWith(Sessions.PREFIX)) sessions.end(token);
    }

    /** Why the API will not take this certificate, in words; null when it may. */
    private String wording(X509Certificate leaf) {
        try {
            leaf.verify(clusterCa.getPublicKey());
        } catch (GeneralSecurityException e) {
            return "the client certificate is not signed by this cluster's CA (it is issued by "
                    + leaf.getIssuerX500Principal().getName() + "; the cluster's CA is "
                    + clusterCa.getSubjectX500Principal().getName() + ")";
        }
        if (leaf.getNotAfter().toInstant().isBefore(clock.instant()))
            return "the client certificate expired at " + leaf.getNotAfter().toInstant();
        if (leaf.getNotBefore().toInstant().isAfter(clock.instant()))
            return "the client certificate is not valid before "
                    + leaf.getNotBefore().toInstant();
        return null;
    }

    /** The user the API names the connection's certificate: a SelfSubjectReview over {@code tls}; null when refused. */
    private UserInfo whoAmI(SSLContext tls, URI api) throws IOException {
        ClientConfig config = ClientConfig.defaults().withUserAgent("everynode-dashboard");
        try (HttpTransport t = new HttpTransport(api, config, tls, null, clock)) {
            byte[] body = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}"
                    .getBytes(StandardCharsets.UTF_8);
            Transport.Response r = t.send(new Transport.Request("POST", WHO_AM_I, null, "application/json", body));
            if (r.status() == 401 || r.status() == 403) return null;
            if (!r.ok()) throw new IOException("HTTP " + r.status());
            JsonNode info = Json.parse(r.body()).path("status").path("userInfo");
            List<String> groups = new ArrayList<>();
            info.path("groups").forEach(g -> groups.add(g.asString()));
            Map<String, List<String>> extra = new LinkedHashMap<>();
            info.path("extra").properties().forEach(e -> {
                List<String> values = new ArrayList<>();
                e.getValue().forEach(v -> values.add(v.asString()));
                extra.put(e.getKey(), values);
            });
            return new UserInfo(
                    info.path("username").asString(""), info.path("uid").asString(""), groups, extra);
        }
    }
}
