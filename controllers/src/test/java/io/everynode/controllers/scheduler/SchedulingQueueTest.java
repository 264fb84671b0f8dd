package io.everynode.controllers.scheduler;

import static io.everynode.controllers.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {
    private final ManualClock clock = new ManualClock(T0);
    private final SchedulingQueue queue = new SchedulingQueue(SchedulerConfig.defaults(), clock);

    private List<String> drain() {
        List<String> out = new ArrayList<>();
        for (Optional<Pod> p = queue.pop(); p.isPresent(); p = queue.pop()) {
            out.add(p.get().getMetadata().getName());
        }
        return out;
    }

    @Test
    void higherPriorityPopsFirstThenOlderThenByName() {
        queue.addOrUpdate(priority(createdAt(pod("low-old"), T0), 1));
        queue.addOrUpdate(priority(createdAt(pod("high-new"), T0.plusSeconds(60)), 100));
        queue.addOrUpdate(priority(createdAt(pod("mid-new"), T0.plusSeconds(60)), 10));
        queue.addOrUpdate(priority(createdAt(pod("mid-old-b"), T0), 10));
        queue.addOrUpdate(priority(createdAt(pod("mid-old-a"), T0), 10));
        assertThat(drain()).containsExactly("high-new", "mid-old-a", "mid-old-b", "mid-new", "low-old");
    }

    @Test
    void aFailedPodIsParkedUntilSomethingChanges() {
        queue.addOrUpdate(pod("p"));
        queue.pop();
        queue.failed("default/p");
        clock.advance(Duration.ofMinutes(1));
        assertThat(queue.pop()).isEmpty();
        queue.moveAllToActiveOrBackoff();
        assertThat(drain()).containsExactly("p");
    }

    @Test
    void aMovedPodStillWaitsOutItsBackoffWhichDoublesPerAttempt() {
        queue.addOrUpdate(pod("p"));
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(queue.pop()).isPresent();
            queue.failed("default/p");
            queue.moveAllToActiveOrBackoff();
            Duration expected = Duration.ofSeconds(Math.min(10, 1L << (attempt - 1)));
            assertThat(queue.nextReadyAt()).contains(clock.instant().plus(expected));
            clock.advance(expected.minusMillis(1));
            assertThat(queue.pop()).isEmpty();
            clock.advance(Duration.ofMillis(1));
        }
    }

    @Test
    void aChangeDuringTheAttemptSendsTheFailedPodToBackoffNotThePark() {
        queue.addOrUpdate(pod("p"));
        queue.pop();
        queue.moveAllToActiveOrBackoff();
        queue.failed("default/p");
        clock.advance(Duration.ofSeconds(1));
        assertThat(drain()).containsExactly("p");
    }

    @Test
    void aParkedPodIsRetriedAfterFiveMinutesAnyway() {
        queue.addOrUpdate(pod("p"));
        queue.pop();
        queue.failed("default/p");
        assertThat(queue.nextReadyAt()).contains(T0.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(5));
        assertThat(drain()).containsExactly("p");
    }

    @Test
    void anUpdateToAParkedPodRetriesIt() {
        queue.addOrUpdate(pod("p"));
        queue.pop();
        queue.failed("default/p");
        clock.advance(Duration.ofSeconds(2));
        queue.addOrUpdate(nodeSelector(pod("p"), "a", "b"));
        assertThat(queue.pop())
                .hasValueSatisfying(
                        p -> assertThat(p.getSpec().getNodeSelector()).containsKey("a"));
    }

    @Test
    void aDeletedPodLeavesTheQueue() {
        queue.addOrUpdate(pod("p"));
        queue.delete("default/p");
        assertThat(queue.pop()).isEmpty();
        assertThat(queue.nextReadyAt()).isEmpty();
    }
}
