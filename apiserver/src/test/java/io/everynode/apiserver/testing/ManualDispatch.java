package io.everynode.apiserver.testing;

import io.everynode.apiserver.watch.WatchDispatch;
import io.everynode.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WatchDispatch} for tests: tasks run on one thread of its own, timers fire only when
 * the test moves the {@link ManualClock} with {@link #advance}, and every task run is counted, so
 * a test can tell how often watches woke over a stretch of simulated time.
 */
public final class ManualDispatch implements WatchDispatch {
    private record Pending(long due, long seq, Runnable task) {}

    private final ManualClock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "manual-dispatch");
        t.setDaemon(true);
        return t;
    });
    private final PriorityQueue<Pending> timers =
            new PriorityQueue<>((a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    private final AtomicLong seq = new AtomicLong();
    private final AtomicInteger runs = new AtomicInteger();

    public ManualDispatch(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(Runnable task) {
        runner.execute(() -> {
            runs.incrementAndGet();
            task.run();
        });
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Pending p = new Pending(clock.millis() + Math.max(0, delay.toMillis()), seq.incrementAndGet(), task);
        synchronized (timers) {
            timers.add(p);
        }
        return () -> {
            synchronized (timers) {
                timers.remove(p);
            }
        };
    }

    /** Moves the clock by {@code d} in steps of {@code step}, firing timers as they fall due. */
    public void advance(Duration d, Duration step) {
        for (Duration done = Duration.ZERO; done.compareTo(d) < 0; done = done.plus(step)) {
            clock.advance(step);
            List<Runnable> due = new ArrayList<>();
            synchronized (timers) {
                while (!timers.isEmpty() && timers.peek().due() <= clock.millis())
                    due.add(timers.poll().task());
            }
            for (Runnable t : due) execute(t);
            settle();
        }
    }

    /** Waits until the tasks queued so far (and those they queued directly) have run. */
    public void settle() {
        try {
            for (int i = 0; i < 3; i++) runner.submit(() -> {}).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many tasks (work and timers) have run so far. */
    public int runs() {
        return runs.get();
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
