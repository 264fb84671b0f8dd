package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/**
 * The binding cycle on its own executor: here one that holds each cycle until the test runs it,
 * so the scheduler's state between "assumed" and "bound" can be looked at.
 */
class AsyncBindingTest {
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryWorld world = new InMemoryWorld();
    private final RecordingActions actions = new RecordingActions();
    private final Deque<Runnable> cycles = new ArrayDeque<>();
    private int wakeUps;
    private final Scheduler scheduler =
            new Scheduler(SchedulerConfig.defaults(), world, actions, clock, cycles::add, () -> wakeUps++);

    private void submit(Pod... pods) {
        world.add(pods);
        for (Pod p : pods) {
            scheduler.onPodChange(p);
        }
    }

    private void runAll() {
        while (scheduler.scheduleNext().isPresent()) {
            // keep going
        }
    }

    private void runCycles() {
        while (!cycles.isEmpty()) {
            cycles.poll().run();
        }
    }

    @Test
    void theSchedulingThreadWritesNothingForABindItHandsOff() {
        world.add(node("n1"));
        submit(pod("p"));
        runAll();
        assertThat(actions.log).isEmpty();
        assertThat(cycles).hasSize(1);
        runCycles();
        assertThat(actions.log)
                .containsExactly("bind p n1", "event p Normal Scheduled: Successfully assigned default/p to n1");
        assertThat(wakeUps).isEqualTo(1);
    }

    @Test
    void aPodCountsOnItsNodeFromTheMomentItIsAssumed() {
        world.add(node("n1", "1", "1Gi", 110), node("n2", "1", "1Gi", 110));
        submit(pod("a", "600m", null), pod("b", "600m", null), pod("c", "600m", null));
        runAll(); // no cycle has run: a and b are only assumed
        runCycles();
        assertThat(actions.starting("bind")).containsExactly("bind a n1", "bind b n2");
        assertThat(actions.starting("event c")).hasSize(1).allMatch(l -> l.contains("2 Insufficient cpu"));
    }

    @Test
    void aDaemonPodInFlightFillsItsNamedNode() {
        world.add(node("n1", "1", "1Gi", 110));
        submit(pinnedTo(pod("a", "600m", null), "n1"), pinnedTo(pod("b", "600m", null), "n1"));
        runAll();
        runCycles();
        assertThat(actions.starting("bind")).containsExactly("bind a n1");
    }

    @Test
    void anUpdateOfAPodWhoseBindIsInFlightDoesNotScheduleItAgain() {
        world.add(node("n1"));
        Pod p = pod("p");
        submit(p);
        runAll();
        scheduler.onPodChange(p); // e.g. a label change seen before the binding
        runAll();
        runCycles();
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind p n1");
    }

    @Test
    void aFailedBindForgetsTheAssumptionAndRetriesAfterBackOff() {
        world.add(node("n1", "1", "1Gi", 110));
        submit(pod("a", "600m", null));
        actions.failBinds = true;
        runAll();
        runCycles();
        actions.failBinds = false;
        assertThat(scheduler.scheduleNext()).isEmpty(); // the failure is applied: backing off
        assertThat(scheduler.nextAttemptAt()).isPresent();
        submit(pod("b", "600m", null)); // a's forgotten request leaves room for b
        runAll();
        runCycles();
        assertThat(actions.starting("bind")).containsExactly("bind b n1");
    }

    @Test
    void aSuccessfulBindLeavesThePodAssumedUntilTheCacheShowsIt() {
        world.add(node("n1", "1", "1Gi", 110));
        submit(pod("a", "600m", null));
        runAll();
        runCycles();
        assertThat(scheduler.scheduleNext()).isEmpty();
        submit(pod("b", "600m", null));
        runAll();
        runCycles();
        assertThat(actions.starting("bind")).containsExactly("bind a n1");
        // the cache shows a bound now: b still does not fit, but it is retried
        Pod bound = boundTo(pod("a", "600m", null), "n1");
        world.add(bound);
        scheduler.onPodChange(bound);
        clock.advance(Duration.ofMinutes(10));
        runAll();
        assertThat(actions.starting("bind")).containsExactly("bind a n1");
    }
}
