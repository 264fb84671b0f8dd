package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import java.time.Instant;
import java.util.List;

/** {@code kubectl get priorityclasses}: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
final class PriorityClassPrinter implements RowPrinter<PriorityClass> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Value",
                    "integer",
                    "value represents the integer value of this priority class."
                            + " This is the actual priority that pods receive when they have the name of this class"
                            + " in their pod spec."),
            Columns.of(
                    "Global-Default",
                    "boolean",
                    "globalDefault specifies whether this PriorityClass"
                            + " should be considered as the default priority for pods that do not have any priority"
                            + " class. Only one PriorityClass can be marked as `globalDefault`. However, if more than"
                            + " one PriorityClasses exists with their `globalDefault` field set to true, the smallest"
                            + " value of such global default PriorityClasses will be used as the default priority."),
            Columns.age(),
            Columns.of(
                    "PreemptionPolicy",
                    "string",
                    "preemptionPolicy is the Policy for preempting pods"
                            + " with lower priority. One of Never, PreemptLowerPriority. Defaults to"
                            + " PreemptLowerPriority if unset."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<PriorityClass> objectType() {
        return PriorityClass.class;
    }

    @Override
    public List<Object> cells(PriorityClass pc, Instant now) {
        return List.of(
                Columns.str(pc.getMetadata().getName()),
                Columns.int64(pc.getValue()),
                Boolean.TRUE.equals(pc.getGlobalDefault()),
                Times.since(pc.getMetadata().getCreationTimestamp(), now),
                Columns.str(pc.getPreemptionPolicy()));
    }
}
