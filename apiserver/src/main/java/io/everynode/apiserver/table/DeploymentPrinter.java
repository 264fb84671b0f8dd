package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get deployments}: NAME READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES
 * SELECTOR. READY is {@code readyReplicas/spec.replicas}.
 */
final class DeploymentPrinter implements RowPrinter<Deployment> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Ready", "string", "Number of the pod with ready state"),
            Columns.of(
                    "Up-to-date",
                    "string",
                    "Total number of non-terminated pods targeted by this deployment"
                            + " that have the desired template spec."),
            Columns.of(
                    "Available",
                    "string",
                    "Total number of available pods (ready for at least"
                            + " minReadySeconds) targeted by this deployment."),
            Columns.age(),
            Workloads.containersColumn(),
            Workloads.imagesColumn(),
            Workloads.selectorColumn());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Deployment> objectType() {
        return Deployment.class;
    }

    @Override
    public List<Object> cells(Deployment d, Instant now) {
        DeploymentSpec spec = d.getSpec() == null ? new DeploymentSpec() : d.getSpec();
        DeploymentStatus status = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        return List.of(
                Columns.str(d.getMetadata().getName()),
                Columns.int64(status.getReadyReplicas()) + "/" + Workloads.replicas(spec.getReplicas()),
                Columns.int64(status.getUpdatedReplicas()),
                Columns.int64(status.getAvailableReplicas()),
                Times.since(d.getMetadata().getCreationTimestamp(), now),
                Cells.containerNames(spec.getTemplate()),
                Cells.containerImages(spec.getTemplate()),
                LabelText.selector(spec.getSelector()));
    }
}
