package io.everynode.controllers.daemonset;

/** Actions that pass through to a {@link FakeCluster}; tests override single calls. */
class ForwardingActions extends ForwardingDaemonSetActions {
    final FakeCluster delegate;

    ForwardingActions(FakeCluster delegate) {
        super(delegate);
        this.delegate = delegate;
    }
}
