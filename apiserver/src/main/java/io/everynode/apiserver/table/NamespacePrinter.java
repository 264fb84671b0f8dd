package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get namespaces}: NAME STATUS AGE; STATUS is the phase as is. */
final class NamespacePrinter implements RowPrinter<Namespace> {
    private static final List<TableColumn> COLUMNS =
            List.of(Columns.name(), Columns.of("Status", "string", "The status of the namespace"), Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Namespace> objectType() {
        return Namespace.class;
    }

    @Override
    public List<Object> cells(Namespace ns, Instant now) {
        return List.of(
                Columns.str(ns.getMetadata().getName()),
                Columns.str(ns.getStatus() == null ? null : ns.getStatus().getPhase()),
                Times.since(ns.getMetadata().getCreationTimestamp(), now));
    }
}
