package io.everynode.controllers.daemonset;

import io.everynode.testkit.ManualClock;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;

/** A controller over a {@link FakeCluster}, observing its own pod writes. */
class Harness {
    final ManualClock clock = new ManualClock();
    final FakeCluster cluster = new FakeCluster(clock);
    final DaemonSetController controller;

    Harness() {
        this(DaemonSetController.Config.defaults());
    }

    Harness(DaemonSetController.Config config) {
        controller = new DaemonSetController(config, cluster, cluster, clock);
        cluster.observer = controller;
    }

    /** Clears the records, then syncs "default/ds". */
    SyncResult sync() {
        return sync("ds");
    }

    SyncResult sync(String name) {
        cluster.clearRecords();
        return controller.sync(Fixtures.NS + "/" + name);
    }

    DaemonSet ds() {
        return cluster.ds("ds");
    }

    String currentHash() {
        return RevisionData.hash(ds().getSpec().getTemplate(), ds().getStatus().getCollisionCount());
    }
}
