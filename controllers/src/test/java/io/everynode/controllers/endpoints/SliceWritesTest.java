package io.everynode.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SliceWritesTest {
    private final ManualClock clock = new ManualClock();
    private final SliceWrites writes = new SliceWrites(clock);
    private final MapLister<EndpointSlice> cache = new MapLister<>();

    private static EndpointSlice slice(String name, String rv) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("ns")
                .withResourceVersion(rv)
                .endMetadata()
                .build();
    }

    @Test
    void aServiceWaitsUntilTheCacheHoldsTheSliceItCreated() {
        writes.wrote("ns/svc", slice("svc-abcde", "12"));

        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isFalse();
        cache.put(slice("svc-abcde", "12"));
        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isTrue();
    }

    @Test
    void anUpdateIsSeenWhenTheCachedVersionReachesIt() {
        cache.put(slice("svc-abcde", "12"));
        writes.wrote("ns/svc", slice("svc-abcde", "15"));

        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isFalse();
        cache.put(slice("svc-abcde", "16"));
        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isTrue();
    }

    @Test
    void aDeleteIsSeenWhenTheCacheNoLongerHoldsTheSlice() {
        EndpointSlice s = slice("svc-abcde", "12");
        cache.put(s);
        writes.deleted("ns/svc", s);

        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isFalse();
        cache.remove(s);
        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isTrue();
    }

    @Test
    void anExpectationTheCacheNeverMeetsIsDroppedAfterThePatience() {
        writes.wrote("ns/svc", slice("svc-abcde", "12"));
        clock.advance(SliceWrites.PATIENCE.minus(Duration.ofMillis(1)));
        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isFalse();

        clock.advance(Duration.ofMillis(1));
        assertThat(writes.caughtUp("ns/svc", "ns", cache)).isTrue();
    }

    @Test
    void otherServicesDoNotWait() {
        writes.wrote("ns/svc", slice("svc-abcde", "12"));

        assertThat(writes.caughtUp("ns/other", "ns", cache)).isTrue();
    }
}
