package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get csinodes}: NAME DRIVERS AGE; DRIVERS counts spec.drivers. */
final class CsiNodePrinter implements RowPrinter<CSINode> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Drivers", "integer", "Drivers indicates the number of CSI drivers registered on the node"),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<CSINode> objectType() {
        return CSINode.class;
    }

    @Override
    public List<Object> cells(CSINode node, Instant now) {
        return List.of(
                Columns.str(node.getMetadata().getName()),
                Cells.size(node.getSpec() == null ? null : node.getSpec().getDrivers()),
                Times.since(node.getMetadata().getCreationTimestamp(), now));
    }
}
