package io.everynode.apiserver.table;

import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedDaemonSetStatus;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get daemonsets.apps.kruise.io}: the printer columns OpenKruise's CRD declares,
 * NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE AGE; wide CONTAINERS IMAGES (E7.5).
 */
final class AdvancedDaemonSetPrinter implements RowPrinter<AdvancedDaemonSet> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("DESIRED", "integer", "The desired number of pods."),
            Columns.of("CURRENT", "integer", "The current number of pods."),
            Columns.of("READY", "integer", "The ready number of pods."),
            Columns.of("UP-TO-DATE", "integer", "The updated number of pods."),
            Columns.of("AVAILABLE", "integer", "The updated number of pods."),
            Columns.age(),
            Columns.wide("CONTAINERS", "string", "The containers of currently  daemonset."),
            Columns.wide("IMAGES", "string", "The images of currently advanced daemonset."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<AdvancedDaemonSet> objectType() {
        return AdvancedDaemonSet.class;
    }

    @Override
    public List<Object> cells(AdvancedDaemonSet ds, Instant now) {
        AdvancedDaemonSetStatus status = ds.status == null ? new AdvancedDaemonSetStatus() : ds.status;
        PodSpec podSpec = ds.spec == null || ds.spec.template == null || ds.spec.template.getSpec() == null
                ? new PodSpec()
                : ds.spec.template.getSpec();
        List<Container> containers = podSpec.getContainers() == null ? List.of() : podSpec.getContainers();
        return List.of(
                Columns.str(ds.getMetadata().getName()),
                Columns.int64(status.desiredNumberScheduled),
                Columns.int64(status.currentNumberScheduled),
                Columns.int64(status.numberReady),
                Columns.int64(status.updatedNumberScheduled),
                Columns.int64(status.numberAvailable),
                Times.since(ds.getMetadata().getCreationTimestamp(), now),
                String.join(
                        ",",
                        containers.stream().map(c -> Columns.str(c.getName())).toList()),
                String.join(
                        ",",
                        containers.stream().map(c -> Columns.str(c.getImage())).toList()));
    }
}
