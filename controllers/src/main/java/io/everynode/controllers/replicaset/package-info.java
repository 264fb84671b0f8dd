/**
 * The ReplicaSet controller: {@code ReplicaSetController} (config record, {@code sync(key)},
 * {@code on…} handlers) reads {@code ReplicaSetWorld} and writes through {@code ReplicaSetActions};
 * inside, {@code ReplicaPlan} (how many to create, which to delete), {@code DeletionOrder}
 * (upstream's ranking of pods to remove first), {@code ReplicaCounts} (status), {@code ReplicaPods}
 * (pods from the template). {@code ReplicaSetRunner} wires it to the shared informers.
 * Documented in docs/deployments.md.
 */
package io.everynode.controllers.replicaset;
