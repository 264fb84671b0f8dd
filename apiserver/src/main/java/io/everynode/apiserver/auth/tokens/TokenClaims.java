package io.everynode.apiserver.auth.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a ServiceAccount token says (upstream's private {@code kubernetes.io} claims beside the
 * registered JWT claims).
 *
 * @param issuer {@code iss}
 * @param audiences {@code aud}: who may accept the token; never empty
 * @param issuedAt {@code iat}, also {@code nbf}
 * @param expiry {@code exp}
 * @param id {@code jti}: names the credential in the user's extra values and the audit log
 * @param namespace the ServiceAccount's namespace
 * @param serviceAccount the ServiceAccount's name and uid
 * @param pod the pod the token is bound to, or null
 * @param secret the Secret the token is bound to, or null
 * @param node the node the token is bound to (or the bound pod's node), or null
 */
public record TokenClaims(
        String issuer,
        List<String> audiences,
        Instant issuedAt,
        Instant expiry,
        String id,
        String namespace,
        Ref serviceAccount,
        Ref pod,
        Ref secret,
        Ref node) {

    /** A bound object: its name and uid. */
    public record Ref(String name, String uid) {
        public Ref {
            Objects.requireNonNull(name, "name");
            uid = uid == null ? "" : uid;
        }
    }

    public TokenClaims {
        Objects.requireNonNull(issuer, "issuer");
        audiences = List.copyOf(audiences);
        if (audiences.isEmpty()) throw new IllegalArgumentException("a token needs an audience");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(serviceAccount, "serviceAccount");
    }

    /** {@code system:serviceaccount:NS:NAME}: the JWT {@code sub} and the user name. */
    public String subject() {
        return "system:serviceaccount:" + namespace + ":" + serviceAccount.name();
    }
}
