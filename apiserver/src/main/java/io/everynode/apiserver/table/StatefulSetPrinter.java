package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get statefulsets}: NAME READY AGE; wide CONTAINERS IMAGES. READY is {@code ready/desired}. */
final class StatefulSetPrinter implements RowPrinter<StatefulSet> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Ready", "string", "Number of the pod with ready state"),
            Columns.age(),
            Workloads.containersColumn(),
            Workloads.imagesColumn());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<StatefulSet> objectType() {
        return StatefulSet.class;
    }

    @Override
    public List<Object> cells(StatefulSet sts, Instant now) {
        StatefulSetSpec spec = sts.getSpec() == null ? new StatefulSetSpec() : sts.getSpec();
        Integer ready = sts.getStatus() == null ? null : sts.getStatus().getReadyReplicas();
        return List.of(
                Columns.str(sts.getMetadata().getName()),
                Columns.int64(ready) + "/" + Workloads.replicas(spec.getReplicas()),
                Times.since(sts.getMetadata().getCreationTimestamp(), now),
                Cells.containerNames(spec.getTemplate()),
                Cells.containerImages(spec.getTemplate()));
    }
}
