package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.Optional;

/**
 * Actions that pass every call to another {@link DaemonSetActions}; a subclass overrides the
 * calls it changes (the Advanced DaemonSet's writes of the DaemonSet itself, E7.3; tests' faults).
 */
class ForwardingDaemonSetActions implements DaemonSetActions {
    private final DaemonSetActions inner;

    ForwardingDaemonSetActions(DaemonSetActions inner) {
        this.inner = inner;
    }

    @Override
    public Pod createPod(String namespace, Pod pod) {
        return inner.createPod(namespace, pod);
    }

    @Override
    public void deletePod(String namespace, String name) {
        inner.deletePod(namespace, name);
    }

    @Override
    public void patchPodLabels(String namespace, String name, Map<String, String> labels) {
        inner.patchPodLabels(namespace, name, labels);
    }

    @Override
    public Pod updatePod(Pod pod) {
        return inner.updatePod(pod);
    }

    @Override
    public Pod setPodCondition(Pod pod, PodCondition condition) {
        return inner.setPodCondition(pod, condition);
    }

    @Override
    public Pod adoptPod(Pod pod, DaemonSet ds) {
        return inner.adoptPod(pod, ds);
    }

    @Override
    public void releasePod(Pod pod, DaemonSet ds) {
        inner.releasePod(pod, ds);
    }

    @Override
    public ControllerRevision createRevision(String namespace, ControllerRevision revision) {
        return inner.createRevision(namespace, revision);
    }

    @Override
    public Optional<ControllerRevision> getRevision(String namespace, String name) {
        return inner.getRevision(namespace, name);
    }

    @Override
    public ControllerRevision updateRevision(String namespace, ControllerRevision revision) {
        return inner.updateRevision(namespace, revision);
    }

    @Override
    public void deleteRevision(String namespace, String name) {
        inner.deleteRevision(namespace, name);
    }

    @Override
    public ControllerRevision adoptRevision(ControllerRevision revision, DaemonSet ds) {
        return inner.adoptRevision(revision, ds);
    }

    @Override
    public void releaseRevision(ControllerRevision revision, DaemonSet ds) {
        inner.releaseRevision(revision, ds);
    }

    @Override
    public Optional<DaemonSet> getDaemonSet(String namespace, String name) {
        return inner.getDaemonSet(namespace, name);
    }

    @Override
    public DaemonSet updateDaemonSet(DaemonSet ds) {
        return inner.updateDaemonSet(ds);
    }

    @Override
    public DaemonSet updateStatus(DaemonSet ds) {
        return inner.updateStatus(ds);
    }

    @Override
    public DaemonSet updateStatus(DaemonSet ds, String revisionHash) {
        return inner.updateStatus(ds, revisionHash);
    }

    @Override
    public void recordEvent(DaemonSet ds, String type, String reason, String message) {
        inner.recordEvent(ds, type, reason, message);
    }
}
