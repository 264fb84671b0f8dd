package io.everynode.controllers.bootstrapsigner;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.bootstrap.BootstrapToken;
import io.everynode.api.bootstrap.BootstrapTokenSecret;
import io.everynode.api.bootstrap.ClusterInfo;
import io.everynode.api.bootstrap.DetachedJws;
import io.everynode.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootstrapSignerTest {
    private static final byte[] CA =
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".getBytes(StandardCharsets.UTF_8);
    private static final String SERVER = "https://192.0.2.10:6443";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T12:00:00Z"));
    private final BootstrapSigner signer = new BootstrapSigner(new ClusterInfoConfig(SERVER, CA));

    private BootstrapTokenSecret token(String text, Duration ttl, String... usages) {
        return BootstrapTokenSecret.of(
                BootstrapToken.parse(text).orElseThrow(),
                ttl == null ? null : clock.instant().plus(ttl),
                List.of(usages),
                List.of(),
                "");
    }

    @Test
    void theKubeconfigIsPublishedAndSignedByEverySigningTokenThatIsLive() {
        Map<String, String> data = signer.desired(
                        null,
                        List.of(
                                token("abcdef.0123456789abcdef", Duration.ofHours(24), "signing", "authentication"),
                                token("ghijkl.0123456789abcdef", null, "authentication"),
                                token("mnopqr.0123456789abcdef", Duration.ofHours(-1), "signing")),
                        clock.instant())
                .orElseThrow();
        String kubeconfig = ClusterInfo.kubeconfig(SERVER, CA);
        assertThat(data).containsOnlyKeys("kubeconfig", "jws-kubeconfig-abcdef");
        assertThat(data.get("kubeconfig")).isEqualTo(kubeconfig);
        assertThat(DetachedJws.verify(data.get("jws-kubeconfig-abcdef"), kubeconfig, "abcdef", "0123456789abcdef"))
                .isTrue();
    }

    @Test
    void aSignatureGoesWhenItsTokenExpiresAndOtherKeysStay() {
        List<BootstrapTokenSecret> tokens = List.of(token("abcdef.0123456789abcdef", Duration.ofHours(1), "signing"));
        Map<String, String> before =
                signer.desired(Map.of("extra", "kept"), tokens, clock.instant()).orElseThrow();
        assertThat(before).containsKeys("jws-kubeconfig-abcdef", "extra");
        assertThat(BootstrapSigner.nextExpiry(tokens, clock.instant()))
                .contains(clock.instant().plus(Duration.ofHours(1)));

        clock.advance(Duration.ofHours(1));
        Map<String, String> after =
                signer.desired(before, tokens, clock.instant()).orElseThrow();
        assertThat(after).containsOnlyKeys("kubeconfig", "extra");
        assertThat(BootstrapSigner.nextExpiry(tokens, clock.instant())).isEmpty();
    }

    @Test
    void withoutAServerItSignsTheKubeconfigThatIsThereAndPublishesNothingOfItsOwn() {
        BootstrapSigner signsOnly = new BootstrapSigner(ClusterInfoConfig.none());
        List<BootstrapTokenSecret> tokens = List.of(token("abcdef.0123456789abcdef", null, "signing"));
        assertThat(signsOnly.desired(null, tokens, clock.instant())).isEmpty();
        Map<String, String> data = signsOnly
                .desired(Map.of("kubeconfig", "theirs"), tokens, clock.instant())
                .orElseThrow();
        assertThat(data.get("kubeconfig")).isEqualTo("theirs");
        assertThat(DetachedJws.verify(data.get("jws-kubeconfig-abcdef"), "theirs", "abcdef", "0123456789abcdef"))
                .isTrue();
    }
}
