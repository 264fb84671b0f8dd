package io.everynode.agent.endpointauth;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's authentication and authorization filter for one request to the endpoint. The TLS
 * handshake has already verified any client certificate against the cluster CA (one that does not
 * chain to it never gets this far), so here: no certificate is 401 {@code Unauthorized}; then
 * the {@link KubeletRequest}'s subresources are asked of the {@link EndpointAuthorizer} in order,
 * and when none is allowed the answer is 403 with the kubelet's {@code Forbidden (...)} text; an
 * authorizer that cannot answer is 500 {@code Authorization error (...)}.
 */
public final class EndpointGuard {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointGuard.class);

    /** Why a request is refused: the HTTP status and the plain-text body, as the kubelet words it. */
    public record Refusal(int status, String message) {}

    private final EndpointAuthorizer authorizer;

    public EndpointGuard(EndpointAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Who the verified chain (leaf first) names, or empty when there is none: the request is then 401. */
    public static Optional<Caller> authenticate(List<X509Certificate> chain) {
        if (chain.isEmpty()) return Optional.empty();
        String user = null;
        List<String> groups = new ArrayList<>();
        try {
            // getRdns() lists the subject's RDNs in their encoded order (the reverse of the RFC 2253 text)
            for (Rdn rdn : new LdapName(chain.get(0).getSubjectX500Principal().getName()).getRdns()) {
                String value = String.valueOf(rdn.getValue());
                if (rdn.getType().equalsIgnoreCase("CN") && user == null) user = value;
                if (rdn.getType().equalsIgnoreCase("O")) groups.add(value);
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        if (user == null || user.isEmpty()) return Optional.empty();
        return Optional.of(new Caller(user, groups));
    }

    /**
     * Whether {@code chain}'s owner may {@code method} {@code path} on node {@code node} (null: a
     * request tied to no node of this endpoint, asked about every node). Empty: go on.
     */
    public Optional<Refusal> check(List<X509Certificate> chain, String method, String path, String node) {
        Optional<Caller> caller = authenticate(chain);
        if (caller.isEmpty()) return Optional.of(new Refusal(401, "Unauthorized"));
        KubeletRequest request = KubeletRequest.of(method, path);
        String user = caller.get().user();
        for (String subresource : request.subresources()) {
            try {
                if (authorizer.allowed(caller.get(), request.verb(), subresource, node)) return Optional.empty();
            } catch (RuntimeException e) {
                String msg = "Authorization error (user=" + user + ", verb=" + request.verb()
                        + ", resource=nodes, subresource(s)=[" + String.join(" ", request.subresources()) + "])";
                LOG.warn("{}: {}", msg, e.toString());
                return Optional.of(new Refusal(500, msg));
            }
        }
        String msg = request.forbidden(user);
        LOG.debug("{}", msg);
        return Optional.of(new Refusal(403, msg));
    }
}
