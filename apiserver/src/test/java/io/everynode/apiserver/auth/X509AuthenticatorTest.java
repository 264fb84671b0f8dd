package io.everynode.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.pki.CertificateAuthority;
import io.everynode.testkit.ManualClock;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class X509AuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(NOW);
    private final CertificateAuthority ca = CertificateAuthority.create("ca", NOW);
    private final X509Authenticator authenticator = new X509Authenticator(clock);

    @Test
    void theLeafsCommonNameIsTheUserAndItsOrganizationsAreGroups() {
        UserInfo u = authenticator
                .authenticate(request(client("system:node:n1", List.of("system:nodes", "extra"))))
                .orElseThrow();
        assertThat(u.name()).isEqualTo("system:node:n1");
        assertThat(u.groups()).containsExactly("system:nodes", "extra", UserInfo.AUTHENTICATED);
        assertThat(u.nodeName()).isEqualTo("n1");
    }

    @Test
    void aRequestWithoutACertificateIsNotThisAuthenticators() {
        assertThat(authenticator.authenticate(new ApiRequest("GET", "/api", Map.of(), Map.of(), null)))
                .isEmpty();
    }

    @Test
    void aCertificateWithoutACommonNameAuthenticatesNobody() {
        assertThat(authenticator.authenticate(request(client("", List.of("system:masters")))))
                .isEmpty();
    }

    @Test
    void aCertificateThatExpiredSinceTheHandshakeIsRefused401() {
        X509Certificate jane = client("jane", List.of());
        clock.advance(Duration.ofDays(2));
        assertThatThrownBy(() -> authenticator.authenticate(request(jane)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(401));
    }

    private X509Certificate client(String cn, List<String> groups) {
        return ca.newClient(cn, groups, NOW, Duration.ofDays(1)).certificate();
    }

    private static ApiRequest request(X509Certificate leaf) {
        return new ApiRequest("GET", "/api", Map.of(), Map.of(), null, List.of(leaf), null);
    }
}
