package io.everynode.controllers.manager;

import io.everynode.api.selector.Selector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which objects a controller owns (upstream's ControllerRefManager, pure part): objects it controls
 * whose labels still match stay owned, those that no longer match are released, matching orphans
 * not being deleted are adopted; objects controlled by anything else are left alone. Stateless.
 */
public final class OwnerClaims {
    /** What is owned already, what to adopt, what to release. */
    public record Plan<T>(List<T> owned, List<T> adopt, List<T> release) {}

    private OwnerClaims() {}

    public static <T extends HasMetadata> Plan<T> plan(String ownerUid, LabelSelector selector, List<T> objects) {
        Selector s = Selector.from(selector);
        List<T> owned = new ArrayList<>();
        List<T> adopt = new ArrayList<>();
        List<T> release = new ArrayList<>();
        for (T obj : objects) {
            Map<String, String> labels = obj.getMetadata().getLabels() == null
                    ? Map.of()
                    : obj.getMetadata().getLabels();
            boolean matches = s.matches(labels);
            Optional<OwnerReference> ref = controllerOf(obj);
            if (ref.isPresent()) {
                if (ownerUid.equals(ref.get().getUid())) (matches ? owned : release).add(obj);
            } else if (matches && obj.getMetadata().getDeletionTimestamp() == null) {
                adopt.add(obj);
            }
        }
        return new Plan<>(owned, adopt, release);
    }

    /** The ownerReference with {@code controller: true}, if any. */
    public static Optional<OwnerReference> controllerOf(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        if (refs == null) return Optional.empty();
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /**
     * A controller reference to {@code owner} (controller and blockOwnerDeletion true). Kind and
     * apiVersion are given, since list items in a cache may not carry them.
     */
    public static OwnerReference controllerRef(HasMetadata owner, String apiVersion, String kind) {
        return new OwnerReferenceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    /**
     * A JSON merge patch setting {@code metadata.ownerReferences} with {@code ownerRef} added ({@code adopt}) or removed, guarded by the object's resourceVersion so a
     * concurrent change is never overwritten.
     */
    public static String ownersPatch(OwnerReference ownerRef, HasMetadata obj, boolean adopt) {
        List<OwnerReference> refs = new ArrayList<>();
        if (obj.getMetadata().getOwnerReferences() != null) {
            for (OwnerReference r : obj.getMetadata().getOwnerReferences()) {
                if (!r.getUid().equals(ownerRef.getUid())) refs.add(r);
            }
        }
        if (adopt) refs.add(ownerRef);
        return ApiWrites.json(Map.of(
                "metadata",
                Map.of("resourceVersion", obj.getMetadata().getResourceVersion(), "ownerReferences", refs)));
    }
}
