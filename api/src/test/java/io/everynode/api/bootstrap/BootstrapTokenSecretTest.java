package io.everynode.api.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapTokenSecretTest {
    private static final BootstrapToken TOKEN =
            BootstrapToken.parse("abcdef.0123456789abcdef").orElseThrow();

    @Test
    void whatIsStoredIsReadBack() {
        Instant expiry = Instant.parse("2026-12-05T10:00:00Z");
        BootstrapTokenSecret s = BootstrapTokenSecret.of(
                TOKEN,
                expiry,
                List.of("signing", "authentication"),
                List.of("system:bootstrappers:kubeadm:default-node-token"),
                "for the lab");
        assertThat(s.data())
                .containsEntry("token-id", "abcdef")
                .containsEntry("token-secret", "0123456789abcdef")
                .containsEntry("expiration", "2026-12-05T10:00:00Z")
                .containsEntry("usage-bootstrap-authentication", "true")
                .containsEntry("usage-bootstrap-signing", "true")
                .containsEntry("auth-extra-groups", "system:bootstrappers:kubeadm:default-node-token")
                .containsEntry("description", "for the lab");
        BootstrapTokenSecret back = BootstrapTokenSecret.read(
                        "bootstrap-token-abcdef", "bootstrap.kubernetes.io/token", s.data())
                .orElseThrow();
        assertThat(back).isEqualTo(s);
        assertThat(back.usages()).containsExactly("authentication", "signing");
    }

    @Test
    void aSecretOfAnotherTypeOrNameIsNotAToken() {
        Map<String, String> data = BootstrapTokenSecret.of(TOKEN, null, List.of("authentication"), List.of(), "")
                .data();
        assertThat(BootstrapTokenSecret.read("bootstrap-token-abcdef", "Opaque", data))
                .isEmpty();
        assertThat(BootstrapTokenSecret.read("bootstrap-token-zzzzzz", BootstrapTokenSecret.TYPE, data))
                .isEmpty();
        Map<String, String> shortSecret = new HashMap<>(data);
        shortSecret.put("token-secret", "short");
        assertThat(BootstrapTokenSecret.read("bootstrap-token-abcdef", BootstrapTokenSecret.TYPE, shortSecret))
                .isEmpty();
    }

    @Test
    void aTokenExpiresAtItsExpirationInstantAndOneWithoutNeverDoes() {
        Instant expiry = Instant.parse("2026-12-05T10:00:00Z");
        BootstrapTokenSecret s = BootstrapTokenSecret.of(TOKEN, expiry, List.of(), List.of(), "");
        assertThat(s.expired(expiry.minusSeconds(1))).isFalse();
        assertThat(s.expired(expiry)).isTrue();
        BootstrapTokenSecret forever = BootstrapTokenSecret.of(TOKEN, null, List.of(), List.of(), "");
        assertThat(forever.expired(Instant.parse("2999-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void anExpirationWithAnOffsetCountsAndOneThatDoesNotParseIsExpired() {
        Map<String, String> data = new HashMap<>(Map.of("token-id", "abcdef", "token-secret", "0123456789abcdef"));
        data.put("expiration", "2026-12-05T12:00:00+02:00");
        BootstrapTokenSecret s = BootstrapTokenSecret.read("bootstrap-token-abcdef", BootstrapTokenSecret.TYPE, data)
                .orElseThrow();
        assertThat(s.expired(Instant.parse("2026-12-05T09:59:59Z"))).isFalse();
        assertThat(s.expired(Instant.parse("2026-12-05T10:00:00Z"))).isTrue();
        data.put("expiration", "tomorrow");
        BootstrapTokenSecret bad = BootstrapTokenSecret.read("bootstrap-token-abcdef", BootstrapTokenSecret.TYPE, data)
                .orElseThrow();
        assertThat(bad.expired(Instant.EPOCH)).isTrue();
    }

    @Test
    void onlyTrueEnablesAUsageAndExtraGroupsMustLieUnderTheBootstrappers() {
        Map<String, String> data = new HashMap<>(Map.of("token-id", "abcdef", "token-secret", "0123456789abcdef"));
        data.put("usage-bootstrap-authentication", "yes");
        data.put("usage-bootstrap-signing", "true");
        data.put("auth-extra-groups", "system:bootstrappers:lab, system:masters");
        BootstrapTokenSecret s = BootstrapTokenSecret.read("bootstrap-token-abcdef", BootstrapTokenSecret.TYPE, data)
                .orElseThrow();
        assertThat(s.allows("authentication")).isFalse();
        assertThat(s.allows("signing")).isTrue();
        assertThat(s.extraGroups()).containsExactly("system:bootstrappers:lab", "system:masters");
        assertThat(s.invalidGroup()).contains("system:masters");
    }
}
