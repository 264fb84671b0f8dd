package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a live pod (no deletionTimestamp) does, decided before anything is done
 * (design.md rule 2): which containers start for the first time, which restart now, which wait
 * out a CrashLoopBackOff and until when, and when to look again.
 */
record PodPlan(List<Container> start, List<Container> restart, Map<String, Instant> backoffUntil, Optional<Duration> requeueAfter) {

    static PodPlan decide(Pod pod, RuntimePod rp, CrashBackoff backoff, Instant now) {
        String policy = pod.getSpec().getRestartPolicy() == null ? "Always" : pod.getSpec().getRestartPolicy();
        String uid = pod.getMetadata().getUid();
        List<Container> start = new ArrayList<>();
        List<Container> restart = new ArrayList<>();
        Map<String, Instant> waiting = new LinkedHashMap<>();
        Duration requeue = null;
        for (Container c : pod.getSpec().getContainers()) {
            RuntimeContainer rc = rp == null ? null : rp.containers().get(c.getName());
            if (rc == null) {
                start.add(c);
            } else if (rc.state() == RuntimeContainer.State.TERMINATED && PodStatusMath.willRestart(policy, rc)) {
                Instant at = backoff.restartAt(uid + "/" + c.getName(), rc.finishedAt());
                if (!now.isBefore(at)) {
                    restart.add(c);
                } else {
                    waiting.put(c.getName(), at);
                    Duration left = Duration.between(now, at);
                    if (requeue == null || left.compareTo(requeue) < 0) requeue = left;
                }
            }
        }
        return new PodPlan(start, restart, waiting, Optional.ofNullable(requeue));
    }
}
