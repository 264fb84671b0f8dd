package io.everynode.client.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.client.ClientConfig;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.client.Transport;
import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FencedTransportTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final LeaseElection election = new LeaseElection(
            LeaderElectionConfig.defaults("kube-controller-manager").withIdentity("a_1"));
    private final List<String> sent = new ArrayList<>();

    /** A fake at the module's edge: answers every request with an empty ConfigMap and remembers it. */
    private final Transport server = new Transport() {
        @Override
        public Response send(Request request) {
            sent.add(request.method() + " " + request.path());
            return new Response(
                    200,
                    "application/json",
                    "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\",\"namespace\":\"default\"}}"
                            .getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Streamed stream(Request request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    };

    /** The fence as the elector builds it: open while {@link LeaseElection#leadingAt} holds on the clock. */
    private final WriteFence fence = () -> {
        if (!election.leadingAt(clock.instant())) throw new WriteFence.Fenced("write refused: not the leader");
    };

    private final KubeClient client =
            new KubeClient(new FencedTransport(server, fence), ClientConfig.defaults(), clock);

    private void create() {
        client.create(new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName("c")
                .endMetadata()
                .build());
    }

    @Test
    void writesPassWhileLeadingAndAreRefusedInTheProcessOnceTheRenewDeadlinePassed() {
        Instant renewed = clock.instant();
        election.succeeded(election.next(null, renewed).lease(), renewed);
        clock.advance(Duration.ofSeconds(10));
        create();

        clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(this::create)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("POST /api/v1/namespaces/default/configmaps: write refused: not the leader");
        assertThat(sent).containsExactly("POST /api/v1/namespaces/default/configmaps");
    }

    @Test
    void readsPassWithTheFenceClosed() {
        client.get(ConfigMap.class, "default", "c");

        assertThat(sent).containsExactly("GET /api/v1/namespaces/default/configmaps/c");
    }

    @Test
    void everyKindOfWriteIsFenced() {
        assertThatThrownBy(this::create).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> client.delete(ConfigMap.class, "default", "c"))
                .isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(() -> client.patch(ConfigMap.class, "default", "c", PatchType.MERGE, "{}"))
                .isInstanceOf(UncheckedIOException.class);

        assertThat(sent).isEmpty();
    }
}
