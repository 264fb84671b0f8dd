package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get ds}: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE;
 * wide CONTAINERS IMAGES SELECTOR (daemonset-rules.md §7).
 */
final class DaemonSetPrinter implements RowPrinter<DaemonSet> {
    private static final String DS_DOC = "https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Desired",
                    "integer",
                    "The total number of nodes that should be running the daemon"
                            + " pod (including nodes correctly running the daemon pod). More info: " + DS_DOC),
            Columns.of(
                    "Current",
                    "integer",
                    "The number of nodes that are running at least 1 daemon pod"
                            + " and are supposed to run the daemon pod. More info: " + DS_DOC),
            Columns.of(
                    "Ready",
                    "integer",
                    "The number of nodes that should be running the daemon pod and"
                            + " have one or more of the daemon pod running and ready."),
            Columns.of("Up-to-date", "integer", "The total number of nodes that are running updated daemon pod"),
            Columns.of(
                    "Available",
                    "integer",
                    "The number of nodes that should be running the daemon pod"
                            + " and have one or more of the daemon pod running and available (ready for at least"
                            + " spec.minReadySeconds)"),
            Columns.of(
                    "Node Selector",
                    "string",
                    "NodeSelector is a selector which must be true for the"
                            + " pod to fit on a node. Selector which must match a node's labels for the pod to be"
                            + " scheduled on that node. More info:"
                            + " https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
            Columns.age(),
            Columns.wide("Containers", "string", Columns.CONTAINERS_DOC),
            Columns.wide("Images", "string", Columns.IMAGES_DOC),
            Columns.wide(
                    "Selector",
                    "string",
                    "A label query over pods that are managed by the daemon"
                            + " set. Must match in order to be controlled. If empty, defaulted to labels on Pod"
                            + " template. More info:"
                            + " https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<DaemonSet> objectType() {
        return DaemonSet.class;
    }

    @Override
    public List<Object> cells(DaemonSet ds, Instant now) {
        DaemonSetStatus status = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        DaemonSetSpec spec = ds.getSpec() == null ? new DaemonSetSpec() : ds.getSpec();
        PodSpec podSpec = spec.getTemplate() == null || spec.getTemplate().getSpec() == null
                ? new PodSpec()
                : spec.getTemplate().getSpec();
        List<Container> containers = podSpec.getContainers() == null ? List.of() : podSpec.getContainers();
        return List.of(
                Columns.str(ds.getMetadata().getName()),
                Columns.int64(status.getDesiredNumberScheduled()),
                Columns.int64(status.getCurrentNumberScheduled()),
                Columns.int64(status.getNumberReady()),
                Columns.int64(status.getUpdatedNumberScheduled()),
                Columns.int64(status.getNumberAvailable()),
                LabelText.labels(podSpec.getNodeSelector()),
                Times.since(ds.getMetadata().getCreationTimestamp(), now),
                String.join(
                        ",",
                        containers.stream().map(c -> Columns.str(c.getName())).toList()),
                String.join(
                        ",",
                        containers.stream().map(c -> Columns.str(c.getImage())).toList()),
                LabelText.selector(spec.getSelector()));
    }
}
