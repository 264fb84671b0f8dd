package io.everynode.controllers.daemonset;

import io.everynode.api.json.Json;
import io.everynode.api.rollout.LifecycleHooks;
import io.everynode.api.rollout.RollingUpdateType;
import io.everynode.api.validation.IntOrPercent;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * E6.2/E6.4: how the pods a rolling update chose are replaced under {@code InPlaceIfPossible}.
 * The planner that chose them (which pods, within maxUnavailable) is untouched: this turns each
 * chosen delete whose pod's revision differs from the current one only in container images (and
 * template labels/annotations, {@link InPlaceEligibility}) into an in-place update; any other
 * stays a delete (recreate). Only with maxSurge 0: a surge rollout deletes old pods once their new
 * pods are available, which an in-place update cannot be. With an {@code inPlaceUpdate} hook a
 * held pod is first marked PreparingUpdate and waits. Pure.
 */
final class InPlacePlanner {
    private InPlacePlanner() {}

    /** The deletes that stay and the changes that replace the others. */
    record Result(List<SyncPlan.PodDelete> deletes, PodChanges changes) {}

    static Result plan(
            DaemonSet ds,
            String hash,
            ControllerRevision current,
            List<ControllerRevision> old,
            List<SyncPlan.PodDelete> deletes,
            Map<String, Pod> pods,
            Instant now) {
        if (RollingUpdateType.of(ds.getMetadata()) != RollingUpdateType.IN_PLACE_IF_POSSIBLE
                || surges(ds)
                || current == null) {
            return new Result(deletes, new PodChanges(List.of(), List.of()));
        }
        LifecycleHooks hooks = LifecycleHooks.of(ds.getMetadata());
        PodTemplateSpec target = RevisionData.templateOf(current);
        String generation = PodFacts.templateGeneration(ds);
        List<SyncPlan.PodDelete> kept = new ArrayList<>();
        List<PodChanges.InPlace> updates = new ArrayList<>();
        List<PodChanges.Mark> marks = new ArrayList<>();
        for (SyncPlan.PodDelete d : deletes) {
            Pod pod = pods.get(d.name());
            Optional<PodTemplateSpec> from = d.reason() == SyncPlan.DeleteReason.ROLLING_UPDATE && pod != null
                    ? revisionTemplate(pod, old)
                    : Optional.empty();
            Optional<Map<String, String>> images = from.flatMap(t -> InPlaceEligibility.imageChanges(t, target));
            if (images.isEmpty()) {
                kept.add(d);
                continue;
            }
            Optional<LifecycleHooks.Hook> hook = hooks.inPlaceUpdate();
            String state = LifecycleHooks.state(pod);
            if (hook.isPresent() && hook.get().holds(pod)) {
                // E6.4: a held pod waits in PreparingUpdate until its hook lets go.
                if (!LifecycleHooks.PREPARING_UPDATE.equals(state)) {
                    marks.add(Lifecycle.mark(pod, LifecycleHooks.PREPARING_UPDATE, hook.get(), now));
                }
                continue;
            }
            updates.add(new PodChanges.InPlace(
                    pod, updated(pod, from.get(), target, images.get(), hash, generation, hook, now), images.get()));
        }
        return new Result(kept, new PodChanges(updates, marks));
    }

    /** The pod as the in-place update writes it. */
    static Pod updated(
            Pod pod,
            PodTemplateSpec from,
            PodTemplateSpec to,
            Map<String, String> images,
            String hash,
            String generation,
            Optional<LifecycleHooks.Hook> hook,
            Instant now) {
        Pod p = Json.MAPPER.convertValue(pod, Pod.class);
        p.setStatus(null);
        for (Container c : p.getSpec().getContainers()) {
            if (images.containsKey(c.getName())) {
                c.setImage(images.get(c.getName()));
            }
        }
        Map<String, String> labels = apply(
                p.getMetadata().getLabels(),
                from.getMetadata() == null ? null : from.getMetadata().getLabels(),
                to.getMetadata() == null ? null : to.getMetadata().getLabels());
        labels.put(PodFacts.HASH_LABEL, hash);
        if (generation != null) {
            labels.put(PodFacts.TEMPLATE_GENERATION_LABEL, generation);
        }
        Map<String, String> annotations = apply(
                p.getMetadata().getAnnotations(),
                from.getMetadata() == null ? null : from.getMetadata().getAnnotations(),
                to.getMetadata() == null ? null : to.getMetadata().getAnnotations());
        annotations.put(PodChanges.IN_PLACE_STATE, state(pod, images, hash, now));
        if (hook.isPresent()) {
            // E6.4, as Kruise: the hook's labels and finalizers go back on, so the next update is held again.
            labels.put(LifecycleHooks.STATE_LABEL, LifecycleHooks.UPDATED);
            labels.putAll(hook.get().labelsHandler());
            annotations.put(LifecycleHooks.TIMESTAMP_ANNOTATION, Lifecycle.time(now));
            List<String> finalizers = new ArrayList<>(
                    p.getMetadata().getFinalizers() == null
                            ? List.of()
                            : p.getMetadata().getFinalizers());
            hook.get().finalizersHandler().stream()
                    .filter(f -> !finalizers.contains(f))
                    .forEach(finalizers::add);
            p.getMetadata().setFinalizers(finalizers);
        }
        p.getMetadata().setLabels(labels);
        p.getMetadata().setAnnotations(annotations);
        return p;
    }

    /** The template of the revision the pod was made from, if it is still in the history. */
    static Optional<PodTemplateSpec> revisionTemplate(Pod pod, List<ControllerRevision> revisions) {
        String podHash = PodFacts.label(pod, PodFacts.HASH_LABEL);
        if (podHash == null) {
            return Optional.empty();
        }
        for (ControllerRevision r : revisions) {
            Map<String, String> l = r.getMetadata().getLabels();
            if (l != null && podHash.equals(l.get(PodFacts.HASH_LABEL))) {
                try {
                    return Optional.of(RevisionData.templateOf(r));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the rollout surges (maxSurge above 0): then pods are recreated, never updated in place. */
    static boolean surges(DaemonSet ds) {
        RollingUpdateDaemonSet ru = UpdateBudget.rollingUpdate(ds);
        if (ru == null || ru.getMaxSurge() == null) {
            return false;
        }
        try {
            return IntOrPercent.scaled(ru.getMaxSurge(), 1, true) > 0; // any positive int or percentage
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The pod's map with the template's change from {@code from} to {@code to} applied. */
    private static Map<String, String> apply(
            Map<String, String> pod, Map<String, String> from, Map<String, String> to) {
        Map<String, String> out = new LinkedHashMap<>(pod == null ? Map.of() : pod);
        Map<String, String> f = from == null ? Map.of() : from;
        Map<String, String> t = to == null ? Map.of() : to;
        f.keySet().stream().filter(k -> !t.containsKey(k)).forEach(out::remove);
        out.putAll(t);
        return out;
    }

    /** Kruise's in-place update state: the revision, when, and each changed container's old imageID. */
    private static String state(Pod pod, Map<String, String> images, String hash, Instant now) {
        Map<String, Object> last = new LinkedHashMap<>();
        List<ContainerStatus> statuses =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of()
                        : pod.getStatus().getContainerStatuses();
        for (ContainerStatus cs : statuses) {
            if (images.containsKey(cs.getName())) {
                last.put(cs.getName(), Map.of("imageID", cs.getImageID() == null ? "" : cs.getImageID()));
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("revision", hash);
        state.put("updateTimestamp", Lifecycle.time(now));
        state.put("lastContainerStatuses", last);
        return Json.MAPPER.writeValueAsString(state);
    }
}
