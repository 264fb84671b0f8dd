package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get replicasets}: NAME DESIRED CURRENT READY AGE; wide CONTAINERS IMAGES
 * SELECTOR. DESIRED is spec.replicas, CURRENT status.replicas, READY status.readyReplicas.
 */
final class ReplicaSetPrinter implements RowPrinter<ReplicaSet> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Desired", "integer", "Replicas is the number of desired replicas."),
            Columns.of("Current", "integer", "Replicas is the most recently observed number of replicas."),
            Columns.of("Ready", "integer", "The number of ready replicas for this replica set."),
            Columns.age(),
            Workloads.containersColumn(),
            Workloads.imagesColumn(),
            Workloads.selectorColumn());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<ReplicaSet> objectType() {
        return ReplicaSet.class;
    }

    @Override
    public List<Object> cells(ReplicaSet rs, Instant now) {
        ReplicaSetSpec spec = rs.getSpec() == null ? new ReplicaSetSpec() : rs.getSpec();
        ReplicaSetStatus status = rs.getStatus() == null ? new ReplicaSetStatus() : rs.getStatus();
        return List.of(
                Columns.str(rs.getMetadata().getName()),
                Workloads.replicas(spec.getReplicas()),
                Columns.int64(status.getReplicas()),
                Columns.int64(status.getReadyReplicas()),
                Times.since(rs.getMetadata().getCreationTimestamp(), now),
                Cells.containerNames(spec.getTemplate()),
                Cells.containerImages(spec.getTemplate()),
                LabelText.selector(spec.getSelector()));
    }
}
