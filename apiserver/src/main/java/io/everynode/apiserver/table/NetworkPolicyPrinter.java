package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get networkpolicies}: NAME POD-SELECTOR AGE; an empty podSelector prints {@code <none>}. */
final class NetworkPolicyPrinter implements RowPrinter<NetworkPolicy> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Pod-Selector",
                    "string",
                    "podSelector selects the pods to which this NetworkPolicy object" + " applies."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<NetworkPolicy> objectType() {
        return NetworkPolicy.class;
    }

    @Override
    public List<Object> cells(NetworkPolicy np, Instant now) {
        return List.of(
                Columns.str(np.getMetadata().getName()),
                LabelText.selector(np.getSpec() == null ? null : np.getSpec().getPodSelector()),
                Times.since(np.getMetadata().getCreationTimestamp(), now));
    }
}
