package io.everynode.agent;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How an agent schedules its periodic work (Lease renewal, node status, eviction pass, usage
 * report) on timers it shares with one-shot wake-ups (a simulated runtime's "this container is
 * running now"): each run is due one period after the previous one <em>ended</em>, as the
 * kubelet's loops are ({@code wait.Until} / {@code wait.JitterUntil} with sliding on, upstream).
 *
 * <p>Why not a fixed rate: these tasks are blocking API writes. When the API answers slower than
 * the period (a loaded machine, a server failing over) a fixed-rate task falls behind, and every
 * run it owes is due in the past; a shared timer runs due tasks in order of due time, so a
 * wake-up scheduled "now" waits until the whole backlog is paid, and the backlog only grows.
 * With 20 simulated nodes reporting every 500 ms on four timer threads, that held pods bound but
 * Pending for 10-60 s each after a leader was killed (LeaderKillRolloutHistoryIT, docs/ha.md
 * "Checking histories"). With a fixed delay a task is never due before now plus a period when it
 * is put back, so a wake-up waits at most for the tasks already due ahead of it.
 */
final class PeriodicTask {
    private PeriodicTask() {}

    /** Runs {@code task} on {@code timers} after {@code first}, then a period after each run ends. */
    static ScheduledFuture<?> schedule(
            ScheduledExecutorService timers, Runnable task, Duration first, Duration period) {
        return timers.scheduleWithFixedDelay(task, first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
