package io.everynode.agent;

import io.everynode.agent.probe.ProbeKind;
import io.everynode.agent.probe.ProbeView;
import io.everynode.client.Backoff;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one sync of a live pod (no deletionTimestamp) does, decided before anything is done
 * (design.md rule 2): which containers start for the first time, which restart now, which wait
 * out a CrashLoopBackOff and until when, which running ones are killed because a liveness or
 * startup probe failed (the kubelet's computePodActions), and when to look again.
 *
 * @param kill running containers to stop, with the probe that failed; once stopped they restart
 *     (or not) under the restartPolicy like any exited container
 * @param replace running containers whose image in the pod's spec changed since their instance
 *     started (an in-place update, rule E6.2): they are stopped and, once exited, started again
 *     with the new image at once, whatever the restartPolicy (the kubelet's "definition changed,
 *     will be restarted")
 */
record PodPlan(
        List<Container> start,
        List<Container> restart,
        Map<String, Instant> backoffUntil,
        Optional<Duration> requeueAfter,
        List<Kill> kill,
        List<Container> replace) {

    /** CrashLoopBackOff: the kubelet waits 10 s after the second crash, doubling up to 5 min. */
    static final Duration CRASH_BACKOFF_INITIAL = Duration.ofSeconds(10);

    static final Duration CRASH_BACKOFF_MAX = Duration.ofMinutes(5);

    /**
     * The kubelet's CrashLoopBackOff, keyed {@code <pod uid>/<container>}: the first restart after
     * a crash is at once (no entry yet); each further one waits from the moment the container
     * exited, 10 s, then twice as long each time, at most 5 min. A container not restarted for
     * twice the maximum (10 min) starts over.
     */
    static Backoff<String> crashLoopBackoff(Clock clock) {
        return new Backoff<>(clock, CRASH_BACKOFF_INITIAL, CRASH_BACKOFF_MAX);
    }

    /** A container to stop because {@code probe} failed. */
    record Kill(Container container, ProbeKind probe) {}

    static PodPlan decide(Pod pod, RuntimePod rp, Backoff<String> backoff, Instant now) {
        return decide(pod, rp, backoff, now, Map.of(), Set.of(), Map.of());
    }

    static PodPlan decide(Pod pod, RuntimePod rp, Backoff<String> backoff, Instant now, Map<String, ProbeView> probes) {
        return decide(pod, rp, backoff, now, probes, Set.of(), Map.of());
    }

    /**
     * @param probes what the probes say per container name ({@link io.everynode.agent.probe.ProbeManager#views})
     * @param probeKilled IDs of container instances the agent stopped for a failed probe: they
     *     restart under any restartPolicy but Never, whatever their exit code (the kubelet
     *     restarts a container it killed for its liveness probe even under OnFailure)
     * @param startedImages container name → the spec image its current instance was started
     *     with; a container whose spec image differs is replaced (E6.2). A container absent from
     *     the map is taken to run its spec.
     */
    static PodPlan decide(
            Pod pod,
            RuntimePod rp,
            Backoff<String> backoff,
            Instant now,
            Map<String, ProbeView> probes,
            Set<String> probeKilled,
            Map<String, String> startedImages) {
        String policy = pod.getSpec().getRestartPolicy() == null
                ? "Always"
                : pod.getSpec().getRestartPolicy();
        String uid = pod.getMetadata().getUid();
        List<Container> start = new ArrayList<>();
        List<Container> restart = new ArrayList<>();
        List<Kill> kill = new ArrayList<>();
        List<Container> replace = new ArrayList<>();
        Map<String, Instant> waiting = new LinkedHashMap<>();
        Duration requeue = null;
        for (Container c : pod.getSpec().getContainers()) {
            RuntimeContainer rc = rp == null ? null : rp.containers().get(c.getName());
            ProbeView view = probes.get(c.getName());
            String startedWith = startedImages.get(c.getName());
            boolean changed = rc != null && startedWith != null && !startedWith.equals(c.getImage());
            if (rc == null) {
                start.add(c);
            } else if (changed && !rp.stopping()) {
                // E6.2: a new image for this container only. The kubelet's back-off key includes
                // the container's spec hash, so the new image starts without waiting.
                switch (rc.state()) {
                    case RUNNING -> replace.add(c);
                    case TERMINATED -> restart.add(c);
                    case WAITING -> start.add(c); // never ran: a new try, not a restart
                }
            } else if (rc.state() == RuntimeContainer.State.RUNNING
                    && view != null
                    && view.kill() != null
                    && view.containerId().equals(rc.id())
                    && !rp.stopping()) {
                kill.add(new Kill(c, view.kill()));
            } else if (rc.state() == RuntimeContainer.State.TERMINATED
                    && (PodStatusMath.willRestart(policy, rc)
                            || (probeKilled.contains(rc.id()) && !"Never".equals(policy)))) {
                Instant at = backoff.retryAt(uid + "/" + c.getName(), rc.finishedAt());
                if (!now.isBefore(at)) {
                    restart.add(c);
                } else {
                    waiting.put(c.getName(), at);
                    Duration left = Duration.between(now, at);
                    if (requeue == null || left.compareTo(requeue) < 0) requeue = left;
                }
            }
        }
        return new PodPlan(start, restart, waiting, Optional.ofNullable(requeue), kill, replace);
    }
}
