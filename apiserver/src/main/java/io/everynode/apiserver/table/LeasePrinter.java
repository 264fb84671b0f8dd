package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get leases}: NAME HOLDER AGE; HOLDER is spec.holderIdentity or empty. */
final class LeasePrinter implements RowPrinter<Lease> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Holder", "string", "holderIdentity contains the identity of the holder of a current lease."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<Lease> objectType() {
        return Lease.class;
    }

    @Override
    public List<Object> cells(Lease lease, Instant now) {
        return List.of(
                Columns.str(lease.getMetadata().getName()),
                Columns.str(lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity()),
                Times.since(lease.getMetadata().getCreationTimestamp(), now));
    }
}
