package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get pdb}: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE. The two
 * budgets print as written ({@code 1}, {@code 50%}), or {@code N/A} when unset; ALLOWED
 * DISRUPTIONS is status.disruptionsAllowed.
 */
final class PodDisruptionBudgetPrinter implements RowPrinter<PodDisruptionBudget> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Min Available", "string", "The minimum number of pods that must be available."),
            Columns.of("Max Unavailable", "string", "The maximum number of pods that may be unavailable."),
            Columns.of(
                    "Allowed Disruptions", "integer", "Calculated number of pods that may be disrupted at this time."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<PodDisruptionBudget> objectType() {
        return PodDisruptionBudget.class;
    }

    @Override
    public List<Object> cells(PodDisruptionBudget pdb, Instant now) {
        PodDisruptionBudgetSpec spec = pdb.getSpec() == null ? new PodDisruptionBudgetSpec() : pdb.getSpec();
        return List.of(
                Columns.str(pdb.getMetadata().getName()),
                budget(spec.getMinAvailable()),
                budget(spec.getMaxUnavailable()),
                Columns.int64(pdb.getStatus() == null ? null : pdb.getStatus().getDisruptionsAllowed()),
                Times.since(pdb.getMetadata().getCreationTimestamp(), now));
    }

    private static String budget(IntOrString v) {
        if (v == null) {
            return "N/A";
        }
        return v.getIntVal() != null ? v.getIntVal().toString() : Columns.str(v.getStrVal());
    }
}
