package io.everynode.agent.probe;

import io.everynode.agent.probe.ProbeResult.Outcome;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The probe workers of one container instance: a {@link ProbeTracker} per probe the container
 * declares, each attempt a one-shot task on the shared timers that re-arms itself (no thread of
 * its own). Liveness and readiness wait until the startup probe succeeded, and start at once
 * when it does. A liveness or startup failure holds every worker (the kubelet's "on hold") and
 * raises a kill request for the sync loop. Every change of result enqueues the pod.
 *
 * <p>Thread-safety: state is guarded by {@code this}; probes run and events are recorded outside the lock.
 */
final class ContainerProbes {
    /** Grace on top of the probe's timeout before an attempt that did not answer counts as failed. */
    private static final Duration OVERDUE = Duration.ofSeconds(2);

    private final ProbeContext ctx;
    private final Pod pod;
    private final Container container;
    private final String key;
    final String id;
    private final Map<ProbeKind, ProbeTracker> trackers = new EnumMap<>(ProbeKind.class);
    private final Map<ProbeKind, ScheduledFuture<?>> pending = new EnumMap<>(ProbeKind.class);
    private final Map<ProbeKind, Boolean> inFlight = new EnumMap<>(ProbeKind.class);
    private ProbeKind kill;
    private boolean stopped;

    ContainerProbes(ProbeContext ctx, Pod pod, Container container, String id, Instant runningSince) {
        this.ctx = ctx;
        this.pod = pod;
        this.container = container;
        this.key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        this.id = id;
        Instant since = runningSince == null ? ctx.clock().instant() : runningSince;
        for (ProbeKind k : ProbeKind.values()) {
            Probe p = probe(container, k);
            if (p != null) trackers.put(k, new ProbeTracker(k, ProbeSpec.of(p), since));
        }
    }

    static Probe probe(Container c, ProbeKind k) {
        return switch (k) {
            case LIVENESS -> c.getLivenessProbe();
            case READINESS -> c.getReadinessProbe();
            case STARTUP -> c.getStartupProbe();
        };
    }

    static boolean hasProbes(Container c) {
        return c.getLivenessProbe() != null || c.getReadinessProbe() != null || c.getStartupProbe() != null;
    }

    void start() {
        boolean grpc = false;
        for (ProbeKind k : ProbeKind.values())
            grpc |= probe(container, k) != null && probe(container, k).getGrpc() != null;
        if (grpc) {
            ctx.listener()
                    .event(
                            pod,
                            "Warning",
                            "ProbeWarning",
                            "gRPC probes of container " + container.getName()
                                    + " only check that the port accepts connections: this node agent does not speak the gRPC health protocol");
        }
        synchronized (this) {
            for (ProbeKind k : trackers.keySet()) arm(k);
        }
    }

    synchronized void stop() {
        stopped = true;
        for (ScheduledFuture<?> f : pending.values()) f.cancel(false);
        pending.clear();
    }

    synchronized ProbeView view() {
        boolean started = started();
        ProbeTracker r = trackers.get(ProbeKind.READINESS);
        boolean ready = started && (r == null || r.result() == Outcome.SUCCESS);
        return new ProbeView(id, started, ready, kill);
    }

    /** The sync loop acted on the kill request. */
    synchronized void killed() {
        kill = null;
    }

    private boolean started() {
        ProbeTracker s = trackers.get(ProbeKind.STARTUP);
        return s == null || s.result() == Outcome.SUCCESS;
    }

    /** Schedules the next attempt of {@code k}, unless it is done, gated by startup, or already pending. Holds the lock. */
    private void arm(ProbeKind k) {
        ProbeTracker t = trackers.get(k);
        if (stopped || t == null || t.done() || pending.containsKey(k) || Boolean.TRUE.equals(inFlight.get(k))) return;
        if (k != ProbeKind.STARTUP && !started()) return;
        long delay =
                Math.max(0, Duration.between(ctx.clock().instant(), t.dueAt()).toMillis());
        try {
            pending.put(k, ctx.timers().schedule(() -> fire(k), delay, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            stopped = true; // the host is shutting down
        }
    }

    private void fire(ProbeKind k) {
        ProbeTracker t;
        synchronized (this) {
            pending.remove(k);
            t = trackers.get(k);
            if (stopped || t.done()) return;
            Instant now = ctx.clock().instant();
            if (!t.due(now)) { // the timer ran ahead of the clock
                arm(k);
                return;
            }
            t.attempted(now);
            inFlight.put(k, true);
        }
        Probe p = probe(container, k);
        CompletableFuture<ProbeResult> attempt;
        if (ctx.unreachable(pod, p)) {
            attempt = CompletableFuture.completedFuture(ProbeResult.success());
        } else {
            Duration timeout = t.spec().timeout();
            attempt = ctx.probers()
                    .run(p, timeout, new Probers.Target(pod.getMetadata().getUid(), podIP(), container), ctx.runtime())
                    .completeOnTimeout(
                            ProbeResult.failure("probe did not answer within " + timeout.toSeconds() + "s"),
                            timeout.plus(OVERDUE).toMillis(),
                            TimeUnit.MILLISECONDS);
        }
        attempt.whenComplete((r, err) -> done(k, err != null ? ProbeResult.failure(String.valueOf(err)) : r));
    }

    private void done(ProbeKind k, ProbeResult r) {
        boolean changed;
        synchronized (this) {
            inFlight.remove(k);
            if (stopped) return;
            ProbeTracker t = trackers.get(k);
            changed = t.record(r.outcome());
            if (changed && t.result() == Outcome.FAILURE && k != ProbeKind.READINESS) {
                kill = k;
                for (ScheduledFuture<?> f : pending.values()) f.cancel(false);
                pending.clear();
                stopped = true; // on hold until a new instance starts
            }
            if (changed && k == ProbeKind.STARTUP && t.result() == Outcome.SUCCESS) {
                arm(ProbeKind.LIVENESS);
                arm(ProbeKind.READINESS);
            }
            arm(k);
        }
        if (r.outcome() == Outcome.FAILURE) {
            ctx.listener().event(pod, "Warning", "Unhealthy", k.title() + " probe failed: " + r.detail());
        }
        if (changed) ctx.listener().changed(key);
    }

    private String podIP() {
        String ip = ctx.podIP().apply(pod.getMetadata().getUid());
        return ip != null
                ? ip
                : pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    }
}
