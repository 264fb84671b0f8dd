package io.everynode.agent.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches a runtime's containers: one daemon thread runs the runtime's pass every {@code period}
 * (never a thread per container), and {@link #ending} tells from the wrapper's files, /proc and
 * the cgroup whether an instance has ended and how.
 */
final class ProcessWatcher implements AutoCloseable {
    /** How an instance ended: the exit code (137 when killed without a word), the kubelet's reason, and when. */
    record Ending(int exitCode, String reason, Instant finishedAt) {}

    private final Cgroups cgroups;
    private final ScheduledExecutorService thread;

    ProcessWatcher(Cgroups cgroups, String nodeName) {
        this.cgroups = cgroups;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "process-runtime-" + nodeName);
            th.setDaemon(true);
            return th;
        });
    }

    /** Runs {@code pass} every {@code period} on the watcher's thread, until {@link #close}. */
    void start(Runnable pass, Duration period) {
        thread.scheduleWithFixedDelay(pass, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * How the instance in {@code dir} (wrapper {@code pid}, started at {@code ticks}) ended, or
     * empty while it runs. It has ended once the wrapper wrote its exit status or is gone; a rise
     * of the cgroup's OOM-kill count above {@code oomBase} reads as OOMKilled, exit 137.
     */
    Optional<Ending> ending(String uid, String container, Path dir, long pid, long ticks, long oomBase, Instant now) {
        Optional<Integer> code = InstanceFiles.exitCode(dir);
        if (code.isEmpty() && ProcFs.alive(pid, ticks)) return Optional.empty();
        int exit = code.orElse(137);
        boolean oom = cgroups.oomKills(uid, container) > oomBase;
        return Optional.of(new Ending(
                oom ? 137 : exit,
                oom ? "OOMKilled" : exit == 0 ? "Completed" : "Error",
                InstanceFiles.exitTime(dir, now)));
    }

    /** Stops the thread (waiting up to 5 s for a pass under way); what runs keeps running. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
