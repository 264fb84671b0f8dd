package io.everynode.controllers.daemonset;

import io.everynode.client.ApiError;
import io.everynode.client.EventRecorder;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.controllers.manager.ApiWrites;
import io.everynode.controllers.manager.ClientActions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DaemonSet controller's writes, through the API client. API failures become
 * {@link ActionException}s of the kind the controller reacts to (R2.9, R3.2, R4.4).
 * Ownership changes are JSON merge patches of {@code metadata.ownerReferences} guarded by the
 * object's resourceVersion, so adopting or releasing never overwrites a concurrent change.
 */
final class ClientDaemonSetActions extends ClientActions<DaemonSet> implements DaemonSetActions {
    static final String COMPONENT = "daemonset-controller";

    ClientDaemonSetActions(KubeClient client, EventRecorder events) {
        super(client, events);
    }

    @Override
    public Pod createPod(String namespace, Pod pod) {
        return ActionErrors.call(() -> client.create(withNamespace(pod, namespace)));
    }

    @Override
    public void deletePod(String namespace, String name) {
        ActionErrors.call(() -> {
            client.delete(Pod.class, namespace, name);
            return null;
        });
    }

    @Override
    public void patchPodLabels(String namespace, String name, Map<String, String> labels) {
        ActionErrors.call(() -> client.patch(
                Pod.class,
                namespace,
                name,
                PatchType.MERGE,
                ApiWrites.json(Map.of("metadata", Map.of("labels", labels)))));
    }

    @Override
    public Pod updatePod(Pod pod) {
        return ActionErrors.call(() -> client.update(pod));
    }

    @Override
    public Pod setPodCondition(Pod pod, io.fabric8.kubernetes.api.model.PodCondition condition) {
        Map<String, Object> meta = pod.getMetadata().getResourceVersion() == null
                ? Map.of()
                : Map.of("resourceVersion", pod.getMetadata().getResourceVersion());
        return ActionErrors.call(() -> client.patch(
                Pod.class,
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                PatchType.STRATEGIC,
                ApiWrites.json(Map.of("metadata", meta, "status", Map.of("conditions", List.of(condition)))),
                "status"));
    }

    @Override
    public Pod adoptPod(Pod pod, DaemonSet ds) {
        return ActionErrors.call(() -> client.patch(
                Pod.class,
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                PatchType.MERGE,
                owners(pod, ds, true)));
    }

    @Override
    public void releasePod(Pod pod, DaemonSet ds) {
        ActionErrors.call(() -> client.patch(
                Pod.class,
                pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(),
                PatchType.MERGE,
                owners(pod, ds, false)));
    }

    @Override
    public ControllerRevision createRevision(String namespace, ControllerRevision revision) {
        return ActionErrors.call(() -> client.create(withNamespace(revision, namespace)));
    }

    @Override
    public Optional<ControllerRevision> getRevision(String namespace, String name) {
        return getOptional(() -> client.get(ControllerRevision.class, namespace, name));
    }

    @Override
    public ControllerRevision updateRevision(String namespace, ControllerRevision revision) {
        return ActionErrors.call(() -> client.update(withNamespace(revision, namespace)));
    }

    @Override
    public void deleteRevision(String namespace, String name) {
        ActionErrors.call(() -> {
            client.delete(ControllerRevision.class, namespace, name);
            return null;
        });
    }

    @Override
    public ControllerRevision adoptRevision(ControllerRevision revision, DaemonSet ds) {
        return ActionErrors.call(() -> client.patch(
                ControllerRevision.class,
                revision.getMetadata().getNamespace(),
                revision.getMetadata().getName(),
                PatchType.MERGE,
                owners(revision, ds, true)));
    }

    @Override
    public void releaseRevision(ControllerRevision revision, DaemonSet ds) {
        ActionErrors.call(() -> client.patch(
                ControllerRevision.class,
                revision.getMetadata().getNamespace(),
                revision.getMetadata().getName(),
                PatchType.MERGE,
                owners(revision, ds, false)));
    }

    @Override
    public Optional<DaemonSet> getDaemonSet(String namespace, String name) {
        return getOptional(() -> client.get(DaemonSet.class, namespace, name));
    }

    @Override
    public DaemonSet updateDaemonSet(DaemonSet ds) {
        return ActionErrors.call(() -> client.update(ds));
    }

    @Override
    public DaemonSet updateStatus(DaemonSet ds) {
        return ActionErrors.call(() -> client.updateStatus(ds));
    }

    /** A merge patch setting ownerReferences with the controller reference to {@code ds} added or removed. */
    static String owners(HasMetadata obj, DaemonSet ds, boolean adopt) {
        List<OwnerReference> refs = new ArrayList<>();
        for (OwnerReference r : obj.getMetadata().getOwnerReferences()) {
            if (!r.getUid().equals(ds.getMetadata().getUid())) refs.add(r);
        }
        if (adopt) {
            refs.add(PodTemplates.controllerRef(ds)); // E7.3: of the DaemonSet's own apiVersion
        }
        return ApiWrites.json(Map.of(
                "metadata",
                Map.of("resourceVersion", obj.getMetadata().getResourceVersion(), "ownerReferences", refs)));
    }

    private static <T extends HasMetadata> T withNamespace(T obj, String namespace) {
        obj.getMetadata().setNamespace(namespace);
        return obj;
    }

    private static <T> Optional<T> getOptional(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (ApiError e) {
            if (e.isNotFound()) return Optional.empty();
            throw ActionErrors.translate(e);
        }
    }
}
