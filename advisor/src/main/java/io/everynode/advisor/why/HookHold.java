package io.everynode.advisor.why;

import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * E6.4: a pod the controller would delete (or update in place) and a lifecycle hook holds: marked
 * {@code PreparingDelete} ({@code PreparingUpdate}) and still carrying the hook's label or
 * finalizer, it waits for whoever owns the hook, whatever its readiness or revision. The
 * controller's own decision ({@link DaemonSetFacts#hookHold}).
 */
final class HookHold {
    private HookHold() {}

    static Optional<Answer> of(String node, Pod pod, DaemonSet ds) {
        return DaemonSetFacts.hookHold(ds, pod).map(h -> {
            boolean delete = h.kind() == DaemonSetFacts.HookKind.PRE_DELETE;
            String name = pod.getMetadata().getName();
            List<String> details = new ArrayList<>();
            details.add("lifecycle state: " + h.state() + " (" + DaemonSetFacts.LIFECYCLE_STATE_LABEL + ")");
            details.add(
                    delete
                            ? "the controller deletes this pod once the hook lets it go"
                            : "the controller updates this pod in place once the hook lets it go");
            h.labels()
                    .forEach(
                            l -> details.add("kubectl label pod " + name + " " + l.substring(0, l.indexOf('=')) + "-"));
            return Answer.of(
                    node, delete ? Reason.PRE_DELETE_HOOK : Reason.IN_PLACE_UPDATE_HOOK, h.message(), name, details);
        });
    }
}
