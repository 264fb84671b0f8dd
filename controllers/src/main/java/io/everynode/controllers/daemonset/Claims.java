package io.everynode.controllers.daemonset;

import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * R2.2 / R4.3 step 1: which pods (or revisions) a DaemonSet owns. Objects it controls whose labels
 * no longer match are released; matching orphans are adopted, but only after one uncached GET
 * confirms the DaemonSet still exists with the same UID and is not being deleted. Objects
 * controlled by anything else are left alone.
 */
final class Claims {
    /** The pure part of a claim: what is owned already, what to adopt, what to release. */
    record Plan<T>(List<T> owned, List<T> adopt, List<T> release) {}

    private Claims() {}

    static <T extends HasMetadata> Plan<T> plan(DaemonSet ds, List<T> objects) {
        Selector selector = Selector.from(ds.getSpec().getSelector());
        String uid = ds.getMetadata().getUid();
        List<T> owned = new ArrayList<>();
        List<T> adopt = new ArrayList<>();
        List<T> release = new ArrayList<>();
        for (T obj : objects) {
            Map<String, String> labels = obj.getMetadata().getLabels() == null
                    ? Map.of()
                    : obj.getMetadata().getLabels();
            boolean matches = selector.matches(labels);
            Optional<OwnerReference> ref = PodFacts.controllerOf(obj);
            if (ref.isPresent()) {
                if (!uid.equals(ref.get().getUid()) || !PodFacts.refersTo(ref.get(), ds)) {
                    continue;
                }
                (matches ? owned : release).add(obj);
            } else if (matches && obj.getMetadata().getDeletionTimestamp() == null) {
                adopt.add(obj);
            }
        }
        return new Plan<>(owned, adopt, release);
    }

    /**
     * Carries out a plan; returns the owned objects plus those adopted.
     *
     * @throws ActionException when the DaemonSet changed under us (adoption refused) or a write fails
     */
    static <T extends HasMetadata> List<T> execute(
            DaemonSet ds,
            Plan<T> plan,
            DaemonSetActions actions,
            BiFunction<T, DaemonSet, T> adopt,
            BiConsumer<T, DaemonSet> release) {
        List<T> result = new ArrayList<>(plan.owned());
        for (T obj : plan.release()) {
            try {
                release.accept(obj, ds);
            } catch (ActionException e) {
                if (!e.is(ActionException.Kind.NOT_FOUND)) {
                    throw e;
                }
            }
        }
        if (plan.adopt().isEmpty()) {
            return result;
        }
        recheck(ds, actions);
        for (T obj : plan.adopt()) {
            try {
                result.add(adopt.apply(obj, ds));
            } catch (ActionException e) {
                if (!e.is(ActionException.Kind.NOT_FOUND)) {
                    throw e;
                }
            }
        }
        return result;
    }

    /** The uncached GET that guards adoption (TestDontDoAnythingIfBeingDeletedRace). */
    private static void recheck(DaemonSet ds, DaemonSetActions actions) {
        String ns = ds.getMetadata().getNamespace();
        String name = ds.getMetadata().getName();
        DaemonSet fresh = actions.getDaemonSet(ns, name)
                .orElseThrow(() -> new ActionException(
                        ActionException.Kind.NOT_FOUND, "original DaemonSet " + ns + "/" + name + " is gone"));
        if (!ds.getMetadata().getUid().equals(fresh.getMetadata().getUid())) {
            throw new ActionException(
                    ActionException.Kind.CONFLICT,
                    "original DaemonSet " + ns + "/" + name + " is gone: got uid "
                            + fresh.getMetadata().getUid() + ", wanted "
                            + ds.getMetadata().getUid());
        }
        if (fresh.getMetadata().getDeletionTimestamp() != null) {
            throw new ActionException(
                    ActionException.Kind.CONFLICT,
                    ns + "/" + name + " has just been deleted at "
                            + fresh.getMetadata().getDeletionTimestamp());
        }
    }
}
