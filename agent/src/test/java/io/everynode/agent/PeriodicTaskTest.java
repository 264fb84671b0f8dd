package io.everynode.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's heartbeats share their timers with one-shot wake-ups (a simulated pod's stages): a
 * heartbeat that fell behind must not push a wake-up scheduled meanwhile behind every run it owes.
 */
class PeriodicTaskTest {
    private static final Duration PERIOD = Duration.ofMillis(20);

    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void aWakeUpScheduledDuringASlowHeartbeatRunsBeforeTheHeartbeatRunsAgain() {
        List<String> ran = new CopyOnWriteArrayList<>();
        AtomicInteger beats = new AtomicInteger();
        PeriodicTask.schedule(
                timers,
                () -> {
                    int beat = beats.incrementAndGet();
                    ran.add("heartbeat " + beat);
                    if (beat == 1) {
                        // The first heartbeat is a write to a server that answers after ten periods
                        // (stands for the slow API, not a wait of the test's); while it blocks, a pod
                        // stage comes due "now".
                        slowWrite(PERIOD.multipliedBy(10));
                        timers.schedule(() -> ran.add("wake-up"), 0, TimeUnit.MILLISECONDS);
                    }
                },
                Duration.ZERO,
                PERIOD);

        await().atMost(Duration.ofSeconds(30)).until(() -> ran.contains("wake-up") && beats.get() >= 2);
        // At a fixed rate the nine runs owed since the first was due would come first.
        assertThat(List.copyOf(ran).subList(0, 3)).containsExactly("heartbeat 1", "wake-up", "heartbeat 2");
    }

    private static void slowWrite(Duration answeredAfter) {
        try {
            Thread.sleep(answeredAfter.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
