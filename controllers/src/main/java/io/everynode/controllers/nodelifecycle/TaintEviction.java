package io.everynode.controllers.nodelifecycle;

import io.everynode.api.scheduling.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * R10.4 as a pure decision for one node. For each NoExecute taint a pod needs a toleration (the
 * first matching one in the pod's list counts, as upstream picks it): without one the pod goes
 * at once; with finite tolerationSeconds (negative reads as 0) it goes when that many seconds
 * have passed since {@code seenSince} for that taint (when the controller first saw it, on its own
 * clock: {@link TaintSightings}); without seconds it may stay forever. A pod's deadline
 * is the earliest over the node's NoExecute taints. Pods already terminating are left alone.
 */
final class TaintEviction {
    /** Pods to delete now, and when the next deadline falls (empty when none is pending). */
    record Plan(List<Pod> evictNow, Optional<Instant> nextCheck) {}

    private TaintEviction() {}

    static Plan plan(Node node, List<Pod> pods, Instant now, Function<Taint, Instant> seenSince) {
        List<Taint> noExecute = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint t : node.getSpec().getTaints()) {
                if (Tolerations.NO_EXECUTE.equals(t.getEffect())) {
                    noExecute.add(t);
                }
            }
        }
        List<Pod> evict = new ArrayList<>();
        Instant next = null;
        if (noExecute.isEmpty()) {
            return new Plan(evict, Optional.empty());
        }
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Optional<Instant> deadline = deadline(pod, noExecute, seenSince);
            if (deadline == null) {
                continue;
            }
            if (deadline.isEmpty() || !now.isBefore(deadline.get())) {
                evict.add(pod);
            } else {
                next = Times.earliest(next, deadline.get());
            }
        }
        return new Plan(evict, Optional.ofNullable(next));
    }

    /** null: tolerated forever; empty: not tolerated at all; else when the tolerance runs out. */
    static Optional<Instant> deadline(Pod pod, List<Taint> noExecute, Function<Taint, Instant> seenSince) {
        List<Toleration> tolerations =
                pod.getSpec() == null ? null : pod.getSpec().getTolerations();
        Instant deadline = null;
        for (Taint taint : noExecute) {
            Toleration used = null;
            if (tolerations != null) {
                for (Toleration t : tolerations) {
                    if (Tolerations.tolerates(t, taint)) {
                        used = t;
                        break;
                    }
                }
            }
            if (used == null) {
                return Optional.empty();
            }
            if (used.getTolerationSeconds() != null) {
                long seconds = Math.max(0, used.getTolerationSeconds());
                deadline = Times.earliest(deadline, seenSince.apply(taint).plusSeconds(seconds));
            }
        }
        return deadline == null ? null : Optional.of(deadline);
    }
}
