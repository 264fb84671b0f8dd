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
 */
record PodPlan(
        List<Container> start,
        List<Container> restart,
        Map<String, Instant> backoffUntil,
        Optional<Duration> requeueAfter,
        List<Kill> kill) {

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
        return decide(pod, rp, backoff, now, Map.of(), Set.of());
    }

    static PodPlan decide(Pod pod, RuntimePod rp, Backoff<String> backoff, Instant now, Map<String, ProbeView> probes) {
        return decide(pod, rp, backoff, now, probes, Set.of());
    }

    /**
     * @param probes what the probes say per container name ({@link io.everynode.agent.probe.ProbeManager#views})
     * @param probeKilled IDs of container instances the agent stopped for a failed probe: they
     *     restart under any restartPolicy but Never, whatever their exit code (the kubelet
     *     restarts a container it killed for its liveness probe even under OnFailure)
     */
    static PodPlan decide(
            Pod pod,
            RuntimePod rp,
            Backoff<String> backoff,
            Instant now,
            Map<String, ProbeView> probes,
            Set<String> probeKilled) {
        String policy = pod.getSpec().getRestartPolicy() == null
                ? "Always"
                : pod.getSpec().getRestartPolicy();
        String uid = pod.getMetadata().getUid();
        List<Container> start = new ArrayList<>();
        List<Container> restart = new ArrayList<>();
        List<Kill> kill = new ArrayList<>();
        Map<String, Instant> waiting = new LinkedHashMap<>();
        Duration requeue = null;
        for (Container c : pod.getSpec().getContainers()) {
            RuntimeContainer rc = rp == null ? null : rp.containers().get(c.getName());
            ProbeView view = probes.get(c.getName());
            if (rc == null) {
                start.add(c);
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
        return new PodPlan(start, restart, waiting, Optional.ofNullable(requeue), kill);
    }
}
