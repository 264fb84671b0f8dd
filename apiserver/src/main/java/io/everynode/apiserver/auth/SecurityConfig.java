package io.everynode.apiserver.auth;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How the API server tells who calls and what they may do.
 *
 * @param openLoopback serve requests without credentials as an administrator ({@link
 *     AccessControl#UNSECURED}); only for servers reachable in process or on loopback in tests,
 *     never what {@code everynode server} or {@code up} run
 * @param clusterCa the cluster CA: x509 client certificates must chain to it, and it is what
 *     pods get as {@code ca.crt}; empty when the server has no TLS
 * @param serviceAccountKeys signs and verifies ServiceAccount tokens; null: none are issued and
 *     bearer JWTs are not accepted
 * @param serviceAccountIssuer the {@code iss} of the tokens issued and accepted
 * @param encryptionConfig an EncryptionConfiguration file for Secrets at rest, or null
 * @param auditPolicy an audit Policy file, or null (no audit log)
 * @param auditLog where audit events go, one JSON line each; null with no policy
 * @param kubeletClient how {@code pods/log} calls node agents: HTTPS with this client
 *     certificate; null: plain HTTP (servers without TLS, whose agents serve plain HTTP too)
 * @param extraAuthenticators credentials issued beside the API that it accepts too (the
 *     dashboard's sign-in sessions, {@link io.everynode.apiserver.http.FrontExtension}); asked
 *     after x509 and before bearer JWTs, so each must answer empty for credentials not its own
 */
public record SecurityConfig(
        boolean openLoopback,
        List<X509Certificate> clusterCa,
        KeyPair serviceAccountKeys,
        String serviceAccountIssuer,
        Path encryptionConfig,
        Path auditPolicy,
        Path auditLog,
        KubeletClientTls kubeletClient,
        List<Authenticator> extraAuthenticators) {
    /** Upstream's default issuer when none is configured. */
    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";

    public SecurityConfig {
        clusterCa = List.copyOf(clusterCa);
        extraAuthenticators = extraAuthenticators == null ? List.of() : List.copyOf(extraAuthenticators);
        serviceAccountIssuer = serviceAccountIssuer == null ? DEFAULT_ISSUER : serviceAccountIssuer;
    }

    /** Everyone may do everything (in-process and loopback test setups). */
    public static SecurityConfig open() {
        return new SecurityConfig(true, List.of(), null, DEFAULT_ISSUER, null, null, null, null, List.of());
    }

    /** Every request is authenticated and authorized; x509 clients must chain to {@code ca}. */
    public static SecurityConfig secure(List<X509Certificate> ca, KeyPair serviceAccountKeys) {
        return new SecurityConfig(false, ca, serviceAccountKeys, DEFAULT_ISSUER, null, null, null, null, List.of());
    }

    public SecurityConfig withServiceAccountKeys(KeyPair keys) {
        return new SecurityConfig(
                openLoopback,
                clusterCa,
                keys,
                serviceAccountIssuer,
                encryptionConfig,
                auditPolicy,
                auditLog,
                kubeletClient,
                extraAuthenticators);
    }

    public SecurityConfig withEncryptionConfig(Path file) {
        return new SecurityConfig(
                openLoopback,
                clusterCa,
                serviceAccountKeys,
                serviceAccountIssuer,
                file,
                auditPolicy,
                auditLog,
                kubeletClient,
                extraAuthenticators);
    }

    public SecurityConfig withAudit(Path policy, Path log) {
        return new SecurityConfig(
                openLoopback,
                clusterCa,
                serviceAccountKeys,
                serviceAccountIssuer,
                encryptionConfig,
                policy,
                log,
                kubeletClient,
                extraAuthenticators);
    }

    /** This config, calling node agents over TLS as {@code tls} says. */
    public SecurityConfig withKubeletClient(KubeletClientTls tls) {
        return new SecurityConfig(
                openLoopback,
                clusterCa,
                serviceAccountKeys,
                serviceAccountIssuer,
                encryptionConfig,
                auditPolicy,
                auditLog,
                tls,
                extraAuthenticators);
    }
}
