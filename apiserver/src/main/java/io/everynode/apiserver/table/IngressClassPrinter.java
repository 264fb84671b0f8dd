package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassSpec;
import java.time.Instant;
import java.util.List;

/**
 * {@code kubectl get ingressclasses}: NAME CONTROLLER PARAMETERS AGE. PARAMETERS is
 * {@code Kind[.apiGroup]/name}, or {@code <none>}.
 */
final class IngressClassPrinter implements RowPrinter<IngressClass> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Controller", "string", "Controller that is responsible for handling this class"),
            Columns.of("Parameters", "string", "A reference to a resource with additional parameters"),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<IngressClass> objectType() {
        return IngressClass.class;
    }

    @Override
    public List<Object> cells(IngressClass ic, Instant now) {
        IngressClassSpec spec = ic.getSpec() == null ? new IngressClassSpec() : ic.getSpec();
        IngressClassParametersReference p = spec.getParameters();
        String parameters = "<none>";
        if (p != null) {
            parameters = Columns.str(p.getKind()) + (p.getApiGroup() == null ? "" : "." + p.getApiGroup()) + "/"
                    + Columns.str(p.getName());
        }
        return List.of(
                Columns.str(ic.getMetadata().getName()),
                Columns.str(spec.getController()),
                parameters,
                Times.since(ic.getMetadata().getCreationTimestamp(), now));
    }
}
