package io.everynode.controllers.daemonset;

import io.everynode.api.rollout.LifecycleHooks;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * E6.4: the lifecycle hooks around the controller's deletes (preDelete). A pod the hook holds
 * (it carries one of the hook's labels or finalizers) is not deleted: it is marked
 * {@code PreparingDelete} (and, with markPodNotReady, its KruisePodReady condition False) and
 * waits until whoever owns the hook removes the label or finalizer. Pure.
 */
final class Lifecycle {
    private Lifecycle() {}

    /** The deletes that may go now; the held ones are dropped and their marks added to {@code marks}. */
    static List<SyncPlan.PodDelete> preDelete(
            LifecycleHooks hooks,
            List<SyncPlan.PodDelete> deletes,
            Map<String, Pod> pods,
            Instant now,
            List<PodChanges.Mark> marks) {
        if (hooks.preDelete().isEmpty()) {
            return deletes;
        }
        LifecycleHooks.Hook hook = hooks.preDelete().get();
        List<SyncPlan.PodDelete> go = new ArrayList<>();
        for (SyncPlan.PodDelete d : deletes) {
            Pod pod = pods.get(d.name());
            if (pod == null || !hook.holds(pod)) {
                go.add(d);
            } else if (!LifecycleHooks.PREPARING_DELETE.equals(LifecycleHooks.state(pod))) {
                marks.add(mark(pod, LifecycleHooks.PREPARING_DELETE, hook, now));
            }
        }
        return go;
    }

    /**
     * The hook that holds {@code pod} now, as the controller left it: marked PreparingDelete and
     * still hooked by the preDelete hook ({@link #preDelete}), or marked PreparingUpdate and still
     * hooked by the inPlaceUpdate hook ({@link InPlacePlanner}). A mark whose hook has let go (or
     * is no longer set) holds nothing: the controller goes on at its next sync.
     */
    static Optional<LifecycleHooks.Hook> holding(LifecycleHooks hooks, Pod pod) {
        String state = LifecycleHooks.state(pod);
        Optional<LifecycleHooks.Hook> hook = LifecycleHooks.PREPARING_DELETE.equals(state)
                ? hooks.preDelete()
                : LifecycleHooks.PREPARING_UPDATE.equals(state) ? hooks.inPlaceUpdate() : Optional.empty();
        return hook.filter(h -> h.holds(pod));
    }

    /** What holds the pod for {@code hook}: {@code label K=V} and {@code finalizer F}, each present on the pod. */
    static List<String> holders(LifecycleHooks.Hook hook, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null
                ? Map.of()
                : pod.getMetadata().getLabels();
        List<String> finalizers = pod.getMetadata().getFinalizers() == null
                ? List.of()
                : pod.getMetadata().getFinalizers();
        List<String> out = new ArrayList<>();
        new java.util.TreeMap<>(hook.labelsHandler()).forEach((k, v) -> {
            if (v.equals(labels.get(k))) out.add("label " + k + "=" + v);
        });
        hook.finalizersHandler().stream().filter(finalizers::contains).forEach(f -> out.add("finalizer " + f));
        return out;
    }

    /** The state label, and with markPodNotReady the KruisePodReady condition False. */
    static PodChanges.Mark mark(Pod pod, String state, LifecycleHooks.Hook hook, Instant now) {
        return new PodChanges.Mark(
                pod,
                Map.of(LifecycleHooks.STATE_LABEL, state),
                hook.markPodNotReady()
                        ? Optional.of(PodChanges.condition(
                                LifecycleHooks.POD_READY_GATE,
                                false,
                                state,
                                "the pod's lifecycle hook holds it in " + state,
                                time(now)))
                        : Optional.empty());
    }

    static String time(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
