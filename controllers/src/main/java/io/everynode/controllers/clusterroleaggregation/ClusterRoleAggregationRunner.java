package io.everynode.controllers.clusterroleaggregation;

import io.everynode.client.Informer;
import io.everynode.client.Lister;
import io.everynode.client.ResourceEventHandler;
import io.everynode.client.WorkQueue;
import io.everynode.controllers.manager.Controller;
import io.everynode.controllers.manager.ControllerContext;
import io.everynode.controllers.manager.QueueWorker;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;

/**
 * Runs the {@link ClusterRoleAggregationController} on one worker: keys are ClusterRole names.
 * Any ClusterRole change (its labels or rules may feed any aggregate) queues every aggregated
 * ClusterRole, as upstream does; aggregates are few, and an unchanged one writes nothing.
 */
public final class ClusterRoleAggregationRunner implements Controller {
    private final WorkQueue<String> queue;
    private final QueueWorker worker;

    public ClusterRoleAggregationRunner(ControllerContext context) {
        Informer<ClusterRole> roles = context.informers().informerFor(ClusterRole.class);
        Lister<ClusterRole> lister = roles.lister();
        ClusterRoleAggregationController controller =
                new ClusterRoleAggregationController(lister, new ClientAggregationActions(context.client()));
        this.queue = new WorkQueue<>(context.clock());
        this.worker = new QueueWorker("clusterrole-aggregation-controller", queue, controller::sync);
        roles.addEventHandler(ResourceEventHandler.onAnyChange(changed -> {
            for (ClusterRole r : lister.list()) {
                if (AggregatedRules.aggregated(r)) queue.add(r.getMetadata().getName());
            }
        }));
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void close() {
        worker.close();
    }
}
