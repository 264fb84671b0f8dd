package io.everynode.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.StoreException;
import io.everynode.store.StoreUnavailableException;
import io.everynode.store.Stores;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Waiting for the store at start, on a fake clock: each attempt takes 2 s, each pause what it asks. */
class StoreStartupTest {
    private static final Duration ATTEMPT = Duration.ofSeconds(2);

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> log = new ArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();
    private final Store opened = Stores.open(StoreConfig.memory(), new ManualClock(Instant.EPOCH));

    /** An opener that fails as an unreachable etcd does {@code failures} times, then opens. */
    private Supplier<Store> failing(int failures) {
        return () -> {
            nanos.addAndGet(ATTEMPT.toNanos());
            if (attempts.incrementAndGet() <= failures) {
                throw new StoreUnavailableException(
                        "etcd (http://127.0.0.1:2379) did not answer within 2s while reading the revision", null);
            }
            return opened;
        };
    }

    private StoreStartup startup(Supplier<Store> open, Duration limit) {
        return new StoreStartup(
                open, "etcd at http://127.0.0.1:2379", limit, nanos::get, d -> nanos.addAndGet(d.toNanos()), log::add);
    }

    @Test
    void anEtcdThatComesUpLaterIsWaitedForWithALogLineEveryFewSeconds() {
        Store store = startup(failing(10), Duration.ofMinutes(5)).open();

        assertThat(store).isSameAs(opened);
        assertThat(attempts).hasValue(11);
        // 10 failures, 3 s apart (2 s attempt + 1 s pause): a line at 2 s, then every 5 s or more
        assertThat(log).hasSize(5);
        assertThat(log.get(0))
                .isEqualTo("waiting for the store: etcd at http://127.0.0.1:2379 does not answer yet (etcd"
                        + " (http://127.0.0.1:2379) did not answer within 2s while reading the revision); trying"
                        + " again, waited 2s of 5m0s");
        assertThat(log.get(1)).endsWith("waited 8s of 5m0s");
    }

    @Test
    void pastTheLimitItGivesUpNamingTheLimitAndTheLastError() {
        assertThatThrownBy(() -> startup(failing(Integer.MAX_VALUE), Duration.ofSeconds(10))
                        .open())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("etcd at http://127.0.0.1:2379 did not answer within 10s (--etcd-start-timeout; 4"
                        + " attempts); the last error: etcd (http://127.0.0.1:2379) did not answer within 2s while"
                        + " reading the revision");
        // attempts and pauses: 2+1, 2+1, 2+1, 2
        assertThat(nanos.get()).isEqualTo(Duration.ofSeconds(11).toNanos());
    }

    @Test
    void aZeroLimitWaitsForever() {
        Store store = startup(failing(1_000), Duration.ZERO).open();

        assertThat(store).isSameAs(opened);
        assertThat(log).last().asString().endsWith("of no limit");
    }

    @Test
    void aFailureOtherThanUnavailableIsNotWaitedOut() {
        Supplier<Store> corrupt = () -> {
            attempts.incrementAndGet();
            throw new StoreException("cannot set up TLS to etcd: bad PEM");
        };

        assertThatThrownBy(() -> startup(corrupt, Duration.ofMinutes(5)).open())
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("cannot set up TLS to etcd: bad PEM");
        assertThat(attempts).hasValue(1);
        assertThat(log).isEmpty();
    }
}
