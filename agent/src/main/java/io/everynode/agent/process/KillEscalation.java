package io.everynode.agent.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * How a container is stopped: SIGTERM to the command (through its wrapper) once, SIGKILL to its
 * whole process group when the earliest deadline asked for has passed on the runtime's clock;
 * and, for a pod going away or a node shutting down, the wait until nothing of it is left.
 */
final class KillEscalation {
    /** How long after the kill deadline a teardown keeps waiting for SIGKILLed processes to go. */
    static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final ClockWait wait;
    private final Cgroups cgroups;

    KillEscalation(ClockWait wait, Cgroups cgroups) {
        this.wait = wait;
        this.cgroups = cgroups;
    }

    /** Asks the running instance to stop within {@code grace}; a later call only brings the deadline forward. */
    void stop(ContainerSlot s, Duration grace) {
        if (!s.running()) return;
        Instant now = wait.now();
        Instant at = now.plus(grace.isNegative() ? Duration.ZERO : grace);
        if (s.killAt == null) {
            Wrapper.signal("TERM", s.pid, false);
            s.killAt = at;
        } else if (at.isBefore(s.killAt)) {
            s.killAt = at;
        }
        killIfDue(s, now);
    }

    /** SIGKILLs the instance's process group when its deadline has passed at {@code now}. */
    void killIfDue(ContainerSlot s, Instant now) {
        if (s.running() && s.killAt != null && !now.isBefore(s.killAt)) Wrapper.signal("KILL", s.pid, true);
    }

    /**
     * Waits until the given wrappers have exited and nothing is left in the pods' cgroups. From
     * {@code killAt} on, each round SIGKILLs the wrappers' groups and whatever is still in the
     * pods' groups (stragglers that left the session); SIGKILL is asynchronous, so it gives up
     * {@link #KILL_WAIT} after that, leaving the groups for the next teardown.
     */
    void awaitGone(List<Long> wrappers, List<String> uids, Instant killAt) {
        List<Long> left = new ArrayList<>();
        wait.until(killAt.plus(KILL_WAIT), () -> goneOrKill(wrappers, uids, killAt, left), () -> {
            List<Long> watched = new ArrayList<>(wrappers);
            watched.addAll(left);
            return exits(watched);
        });
    }

    /** One round: true when everything is gone; else, from {@code killAt} on, SIGKILLs what is left (kept in {@code left}). */
    private boolean goneOrKill(List<Long> wrappers, List<String> uids, Instant killAt, List<Long> left) {
        boolean wrappersGone = wrappers.stream().allMatch(p -> {
            String[] st = ProcFs.stat(p);
            return st == null || "Z".equals(st[0]);
        });
        left.clear();
        for (String uid : uids) left.addAll(cgroups.podPids(uid));
        if (wrappersGone && left.isEmpty()) return true;
        if (!wait.now().isBefore(killAt)) {
            for (long pid : wrappers) {
                if (ProcFs.stat(pid) != null) Wrapper.signal("KILL", pid, true); // a pid gone may be reused: leave it
            }
            for (long pid : left) Wrapper.signal("KILL", pid, false);
        }
        return false;
    }

    private static List<CompletableFuture<?>> exits(List<Long> pids) {
        List<CompletableFuture<?>> out = new ArrayList<>();
        for (long pid : pids) ProcessHandle.of(pid).ifPresent(h -> out.add(h.onExit()));
        return out;
    }
}
