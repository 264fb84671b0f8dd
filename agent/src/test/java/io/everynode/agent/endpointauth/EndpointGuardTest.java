package io.everynode.agent.endpointauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.pki.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointGuardTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final CertificateAuthority ca = CertificateAuthority.create("test-ca", NOW);
    private final List<String> asked = new ArrayList<>();

    private X509Certificate client(String user, List<String> groups) {
        return ca.newClient(user, groups, NOW, Duration.ofDays(1)).certificate();
    }

    /** Allows exactly the subresources given, and records every question as user/verb/subresource/node. */
    private EndpointGuard allowing(Set<String> subresources) {
        return new EndpointGuard((caller, verb, subresource, node) -> {
            asked.add(caller.user() + "/" + verb + "/" + subresource + "/" + node);
            return subresources.contains(subresource);
        });
    }

    @Test
    void aRequestWithoutAClientCertificateIsUnauthorizedAndNothingIsAsked() {
        var refusal = allowing(Set.of("proxy")).check(List.of(), "GET", "/containerLogs/a/b/c", "n1");
        assertThat(refusal).contains(new EndpointGuard.Refusal(401, "Unauthorized"));
        assertThat(asked).isEmpty();
    }

    @Test
    void theCertificatesCommonNameAndOrganizationsAreTheCaller() {
        assertThat(EndpointGuard.authenticate(List.of(client("kube-apiserver-kubelet-client", List.of("g1", "g2")))))
                .contains(new Caller("kube-apiserver-kubelet-client", List.of("g1", "g2")));
    }

    @Test
    void aCallerAllowedNodesProxyOnTheNodeGoesOn() {
        var refusal = allowing(Set.of("proxy"))
                .check(
                        List.of(client("kube-apiserver-kubelet-client", List.of())),
                        "GET",
                        "/containerLogs/a/b/c",
                        "n1");
        assertThat(refusal).isEmpty();
        assertThat(asked).containsExactly("kube-apiserver-kubelet-client/get/proxy/n1");
    }

    @Test
    void aCallerWithoutTheSubresourceIsForbiddenInTheKubeletsWords() {
        var refusal =
                allowing(Set.of("log")).check(List.of(client("alice", List.of())), "GET", "/containerLogs/a/b/c", "n1");
        assertThat(refusal)
                .contains(new EndpointGuard.Refusal(
                        403, "Forbidden (user=alice, verb=get, resource=nodes, subresource(s)=[proxy])"));
    }

    @Test
    void aFineGrainedPathFallsBackToProxy() {
        var refusal = allowing(Set.of("proxy")).check(List.of(client("alice", List.of())), "GET", "/pods", null);
        assertThat(refusal).isEmpty();
        assertThat(asked).containsExactly("alice/get/pods/null", "alice/get/proxy/null");
    }

    @Test
    void anAuthorizerThatCannotAnswerIsAnAuthorizationError() {
        EndpointGuard guard = new EndpointGuard((caller, verb, subresource, node) -> {
            throw new IllegalStateException("the API server is away");
        });
        var refusal = guard.check(List.of(client("alice", List.of())), "POST", "/exec/a/b/c", "n1");
        assertThat(refusal)
                .contains(new EndpointGuard.Refusal(
                        500, "Authorization error (user=alice, verb=create, resource=nodes, subresource(s)=[proxy])"));
    }
}
