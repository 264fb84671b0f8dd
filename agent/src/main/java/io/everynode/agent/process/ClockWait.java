package io.everynode.agent.process;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The runtime's one way to wait for something outside the JVM (a wrapper's pid file, processes
 * to exit): the deadline is read on the injected clock; between checks the waiting thread blocks
 * on the exit of the processes it waits for, at most {@code slice} (a timed wait on their exit
 * futures), so it wakes at once when one of them exits. Files and cgroups give no such event,
 * hence the bounded slice. With a clock that does not move, a wait ends only on its condition.
 */
final class ClockWait {
    private final Clock clock;
    private final Duration slice;

    ClockWait(Clock clock, Duration slice) {
        this.clock = clock;
        this.slice = slice;
    }

    Instant now() {
        return clock.instant();
    }

    /** The clock it waits on (log pumps stamp with it). */
    Clock clock() {
        return clock;
    }

    /**
     * Checks {@code done} until it holds (true) or {@code deadline} has passed on the clock
     * (false); between checks waits on the exits {@code exits} supplies (re-asked each round).
     * An interrupt ends the wait (false) with the thread's interrupt flag set.
     */
    boolean until(Instant deadline, BooleanSupplier done, Supplier<List<CompletableFuture<?>>> exits) {
        while (true) {
            if (done.getAsBoolean()) return true;
            if (!clock.instant().isBefore(deadline)) return false;
            if (!pause(exits.get())) return false;
        }
    }

    /** Blocks until one of the not yet completed {@code exits} completes or the slice passes; false when interrupted. */
    private boolean pause(List<CompletableFuture<?>> exits) {
        CompletableFuture<?>[] pending = exits.stream().filter(f -> !f.isDone()).toArray(CompletableFuture[]::new);
        CompletableFuture<Object> any =
                pending.length == 0 ? new CompletableFuture<>() : CompletableFuture.anyOf(pending);
        try {
            any.get(slice.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException expected) {
            // the slice passed, or a process's exit could not be observed: check again
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
