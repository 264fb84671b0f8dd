package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.Optional;

/** Actions that pass through to a {@link FakeCluster}; tests override single calls. */
class ForwardingActions implements DaemonSetActions {
    final FakeCluster delegate;

    ForwardingActions(FakeCluster delegate) {
        this.delegate = delegate;
    }

    @Override
    public Pod createPod(String ns, Pod pod) {
        return delegate.createPod(ns, pod);
    }

    @Override
    public void deletePod(String ns, String name) {
        delegate.deletePod(ns, name);
    }

    @Override
    public void patchPodLabels(String ns, String name, Map<String, String> l) {
        delegate.patchPodLabels(ns, name, l);
    }

    @Override
    public Pod updatePod(Pod pod) {
        return delegate.updatePod(pod);
    }

    @Override
    public Pod setPodCondition(Pod pod, io.fabric8.kubernetes.api.model.PodCondition condition) {
        return delegate.setPodCondition(pod, condition);
    }

    @Override
    public Pod adoptPod(Pod pod, DaemonSet ds) {
        return delegate.adoptPod(pod, ds);
    }

    @Override
    public void releasePod(Pod pod, DaemonSet ds) {
        delegate.releasePod(pod, ds);
    }

    @Override
    public ControllerRevision createRevision(String ns, ControllerRevision r) {
        return delegate.createRevision(ns, r);
    }

    @Override
    public Optional<ControllerRevision> getRevision(String ns, String name) {
        return delegate.getRevision(ns, name);
    }

    @Override
    public ControllerRevision updateRevision(String ns, ControllerRevision r) {
        return delegate.updateRevision(ns, r);
    }

    @Override
    public void deleteRevision(String ns, String name) {
        delegate.deleteRevision(ns, name);
    }

    @Override
    public ControllerRevision adoptRevision(ControllerRevision r, DaemonSet ds) {
        return delegate.adoptRevision(r, ds);
    }

    @Override
    public void releaseRevision(ControllerRevision r, DaemonSet ds) {
        delegate.releaseRevision(r, ds);
    }

    @Override
    public Optional<DaemonSet> getDaemonSet(String ns, String name) {
        return delegate.getDaemonSet(ns, name);
    }

    @Override
    public DaemonSet updateDaemonSet(DaemonSet ds) {
        return delegate.updateDaemonSet(ds);
    }

    @Override
    public DaemonSet updateStatus(DaemonSet ds) {
        return delegate.updateStatus(ds);
    }

    @Override
    public void recordEvent(DaemonSet ds, String t, String r, String m) {
        delegate.recordEvent(ds, t, r, m);
    }
}
