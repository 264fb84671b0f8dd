package io.everynode.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.testing.ManualDispatch;
import io.everynode.apiserver.watch.CacheEvent;
import io.everynode.testkit.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * A watcher whose client stopped reading: its write never completes. The backlog is bounded;
 * past it the connection is dropped (the client relists), instead of the watch holding its
 * backlog until an idle timeout. The stream here is a fake transport that never finishes a write.
 */
class SlowWatcherTest {
    private final ManualClock clock = new ManualClock();

    /** A transport whose client never reads: writes stay in flight until aborted. */
    private static final class StuckStream implements ApiResponse.Stream {
        final List<Consumer<IOException>> inFlight = new CopyOnWriteArrayList<>();
        final AtomicInteger writes = new AtomicInteger();
        final AtomicBoolean aborted = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void write(byte[] chunk) {
            throw new UnsupportedOperationException("watches write asynchronously");
        }

        @Override
        public void write(byte[] chunk, Consumer<IOException> done) {
            writes.incrementAndGet();
            inFlight.add(done);
        }

        @Override
        public void abort() {
            aborted.set(true);
            for (Consumer<IOException> done : inFlight) done.accept(new IOException("aborted"));
            inFlight.clear();
        }

        @Override
        public boolean isOpen() {
            return !closed.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static CacheEvent added(int i) {
        ObjectNode pod = Json.object();
        pod.put("kind", "Pod");
        pod.putObject("metadata")
                .put("name", "p" + i)
                .put("namespace", "default")
                .put("resourceVersion", Integer.toString(i));
        return new CacheEvent(CacheEvent.Type.ADDED, ResourceTypes.PODS, "/registry/pods/default/p" + i, pod, null, i);
    }

    @Test
    void aWatcherThatStopsReadingIsCutOffOnceItsBacklogIsFullAndItsSubscriptionEnds() throws Exception {
        try (ManualDispatch dispatch = new ManualDispatch(clock)) {
            AtomicBoolean unsubscribed = new AtomicBoolean();
            OpenWatch watch = new OpenWatch(
                    new OpenWatch.Spec(ResourceTypes.PODS, "/registry/pods/", o -> true, false, false, null),
                    dispatch,
                    clock,
                    new Tables(clock),
                    new EventLines(),
                    () -> 0,
                    10);
            StuckStream out = new StuckStream();
            watch.start(out, () -> unsubscribed.set(true), List.of(), -1, Duration.ofMinutes(30));

            watch.offer(added(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> out.writes.get() == 1);
            for (int i = 2; i <= 11; i++) watch.offer(added(i)); // ten wait behind the stuck write: the backlog is full
            dispatch.settle();
            assertThat(out.aborted).isFalse();

            watch.offer(added(12));

            assertThat(out.aborted).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilTrue(out.closed);
            assertThat(unsubscribed).isTrue();
            assertThat(out.writes.get()).isEqualTo(1);
        }
    }
}
