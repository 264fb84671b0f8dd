package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get runtimeclasses}: NAME HANDLER AGE. */
final class RuntimeClassPrinter implements RowPrinter<RuntimeClass> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Handler",
                    "string",
                    "handler specifies the underlying runtime and configuration that the"
                            + " CRI implementation will use to handle pods of this class."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<RuntimeClass> objectType() {
        return RuntimeClass.class;
    }

    @Override
    public List<Object> cells(RuntimeClass rc, Instant now) {
        return List.of(
                Columns.str(rc.getMetadata().getName()),
                Columns.str(rc.getHandler()),
                Times.since(rc.getMetadata().getCreationTimestamp(), now));
    }
}
