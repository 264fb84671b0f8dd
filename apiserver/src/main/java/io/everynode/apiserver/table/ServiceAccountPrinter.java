package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get serviceaccounts}: NAME SECRETS AGE; SECRETS counts {@code secrets}. */
final class ServiceAccountPrinter implements RowPrinter<ServiceAccount> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Secrets",
                    "string",
                    "Secrets is a list of the secrets in the same namespace that pods"
                            + " running using this ServiceAccount are allowed to use."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<ServiceAccount> objectType() {
        return ServiceAccount.class;
    }

    @Override
    public List<Object> cells(ServiceAccount sa, Instant now) {
        return List.of(
                Columns.str(sa.getMetadata().getName()),
                Cells.size(sa.getSecrets()),
                Times.since(sa.getMetadata().getCreationTimestamp(), now));
    }
}
