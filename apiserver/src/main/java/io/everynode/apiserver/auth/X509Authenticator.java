package io.everynode.apiserver.auth;

import io.everynode.apiserver.ApiRequest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Upstream's x509 client-certificate authenticator: the leaf of the chain the TLS handshake
 * verified against the cluster CA names the user, its CN the user name and each O a group
 * ({@code O=system:masters} makes an administrator, {@code CN=system:node:NAME, O=system:nodes}
 * a node). A request without a client certificate is not this authenticator's (empty); a
 * certificate without a CN authenticates nobody (empty, as upstream's
 * {@code CommonNameUserConversion}); one that expired since the handshake (a long-lived
 * connection) is refused 401.
 */
public final class X509Authenticator implements Authenticator {
    private final Clock clock;

    public X509Authenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<UserInfo> authenticate(ApiRequest request) {
        if (request.peerCertificates().isEmpty()) return Optional.empty();
        X509Certificate leaf = request.peerCertificates().get(0);
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateException e) {
            throw AccessControl.unauthorized();
        }
        String cn = null;
        List<String> groups = new ArrayList<>();
        try {
            // getRdns() lists the subject's RDNs in their encoded order (the reverse of the RFC 2253 text).
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) cn = rdn.getValue().toString();
                else if (rdn.getType().equalsIgnoreCase("O"))
                    groups.add(rdn.getValue().toString());
            }
        } catch (InvalidNameException e) {
            throw AccessControl.unauthorized();
        }
        if (cn == null || cn.isEmpty()) return Optional.empty();
        return Optional.of(UserInfo.authenticated(cn, "", groups, Map.of()));
    }
}
