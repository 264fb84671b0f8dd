package io.everynode.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** R2.9 with the calls of a batch issued together on a pool, as the running controller does. */
class PodWriterTest {
    private static final String KEY = Fixtures.NS + "/ds";

    private final ManualClock clock = new ManualClock();
    private final FakeCluster cluster = new FakeCluster(clock);
    private final Expectations expectations = new Expectations(clock, Duration.ofMinutes(5));
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final DaemonSet ds = Fixtures.daemonSet("ds");
    private final Pod base = PodTemplates.base(ds, "hash1");

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Thread-safe actions: creates and deletes are counted, chosen nodes fail, and a latch can hold calls until all arrived. */
    private final class ConcurrentActions extends ForwardingActions {
        final AtomicInteger creates = new AtomicInteger();
        final AtomicInteger deletes = new AtomicInteger();
        final Set<String> failOn = ConcurrentHashMap.newKeySet();
        final Set<String> holdOn = ConcurrentHashMap.newKeySet();
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch together = new CountDownLatch(0);

        ConcurrentActions() {
            super(cluster);
        }

        @Override
        public Pod createPod(String ns, Pod pod) {
            String node = pod.getSpec()
                    .getAffinity()
                    .getNodeAffinity()
                    .getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms()
                    .get(0)
                    .getMatchFields()
                    .get(0)
                    .getValues()
                    .get(0);
            creates.incrementAndGet();
            hold(node);
            if (failOn.contains(node)) throw new ActionException(ActionException.Kind.OTHER, "refused on " + node);
            return new io.fabric8.kubernetes.api.model.PodBuilder(pod)
                    .editMetadata()
                    .withName("ds-" + node)
                    .endMetadata()
                    .build();
        }

        @Override
        public void deletePod(String ns, String name) {
            deletes.incrementAndGet();
            hold(name);
            if (failOn.contains(name)) throw new ActionException(ActionException.Kind.NOT_FOUND, name + " not found");
        }

        @Override
        public void recordEvent(DaemonSet d, String type, String reason, String message) {
            events.add(reason);
        }

        /** Calls on held names wait (up to 30 s) until every held call has arrived: they only all pass when issued together. */
        private void hold(String name) {
            if (!holdOn.contains(name)) return;
            together.countDown();
            try {
                if (!together.await(30, TimeUnit.SECONDS))
                    throw new ActionException(ActionException.Kind.OTHER, "not issued together: " + name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ActionException(ActionException.Kind.OTHER, "interrupted");
            }
        }
    }

    private static List<String> nodes(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("node-" + i);
        return out;
    }

    @Test
    void aBatchOfCreatesIsIssuedTogetherAndEveryCreateStaysExpectedUntilTheInformerSeesIt() {
        ConcurrentActions actions = new ConcurrentActions();
        // Slow start over 7 nodes: batches of 1, 2 and 4; the batch of 4 passes only if its calls run at once.
        actions.holdOn.addAll(List.of("node-3", "node-4", "node-5", "node-6"));
        actions.together = new CountDownLatch(4);
        PodWriter writer = new PodWriter(actions, expectations, 250, pool);

        List<ActionException> errors = writer.write(KEY, ds, nodes(7), List.of(), base);

        assertThat(errors).isEmpty();
        assertThat(actions.creates).hasValue(7);
        assertThat(expectations.pending(KEY)).containsExactly(7, 0);
        assertThat(expectations.satisfied(KEY)).isFalse();
        for (int i = 0; i < 7; i++) expectations.creationObserved(KEY);
        assertThat(expectations.satisfied(KEY)).isTrue();
        assertThat(actions.events).hasSize(7).containsOnly("SuccessfulCreate");
    }

    @Test
    void failuresInAConcurrentBatchGiveBackOneExpectationEachAndTheSkippedBatchesTheirs() {
        ConcurrentActions actions = new ConcurrentActions();
        // 10 nodes: batches 1, 2, 4 (two of its creates fail), then 3 never issued.
        actions.failOn.addAll(List.of("node-3", "node-5"));
        actions.holdOn.addAll(List.of("node-3", "node-4", "node-5", "node-6"));
        actions.together = new CountDownLatch(4);
        PodWriter writer = new PodWriter(actions, expectations, 250, pool);

        List<ActionException> errors = writer.write(KEY, ds, nodes(10), List.of(), base);

        assertThat(errors).hasSize(2);
        assertThat(actions.creates).hasValue(7);
        // 10 expected - 2 failed - 3 skipped: the 5 creates that succeeded, still to be observed.
        assertThat(expectations.pending(KEY)).containsExactly(5, 0);
        assertThat(actions.events).filteredOn("FailedCreate"::equals).hasSize(2);
    }

    @Test
    void deletesAreIssuedTogetherAndANotFoundDeleteCountsAsObserved() {
        ConcurrentActions actions = new ConcurrentActions();
        actions.failOn.add("p-2");
        actions.holdOn.addAll(List.of("p-0", "p-1", "p-2", "p-3"));
        actions.together = new CountDownLatch(4);
        PodWriter writer = new PodWriter(actions, expectations, 250, pool);
        List<SyncPlan.PodDelete> deletes = new ArrayList<>();
        for (int i = 0; i < 4; i++) deletes.add(new SyncPlan.PodDelete("p-" + i, "node-" + i, null));

        List<ActionException> errors = writer.write(KEY, ds, List.of(), deletes, base);

        assertThat(errors).isEmpty();
        assertThat(actions.deletes).hasValue(4);
        assertThat(expectations.pending(KEY)).containsExactly(0, 3);
    }

    @Test
    void theBurstBoundsTheCreatesOfOneSyncEvenWhenIssuedTogether() {
        ConcurrentActions actions = new ConcurrentActions();
        PodWriter writer = new PodWriter(actions, expectations, 5, pool);

        writer.write(KEY, ds, nodes(20), List.of(), base);

        assertThat(actions.creates).hasValue(5);
        assertThat(expectations.pending(KEY)).containsExactly(5, 0);
    }
}
