package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubectl get controllerrevisions}: NAME CONTROLLER REVISION AGE. CONTROLLER is
 * {@code <kind>.<group>/<name>} lowercased (e.g. {@code daemonset.apps/fluentd}; core kinds have
 * no group) of the controlling owner reference, or {@code <none>} (daemonset-rules.md §7).
 */
final class ControllerRevisionPrinter implements RowPrinter<ControllerRevision> {
    private static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of("Controller", "string", "Controller of the object"),
            Columns.of("Revision", "string", "Revision indicates the revision of the state represented by Data."),
            Columns.age());

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public Class<ControllerRevision> objectType() {
        return ControllerRevision.class;
    }

    @Override
    public List<Object> cells(ControllerRevision cr, Instant now) {
        return List.of(
                Columns.str(cr.getMetadata().getName()),
                controller(cr.getMetadata().getOwnerReferences()),
                cr.getRevision() == null ? 0L : cr.getRevision(),
                Times.since(cr.getMetadata().getCreationTimestamp(), now));
    }

    /**
     * @throws IllegalArgumentException for an apiVersion with more than one '/', which upstream
     *     rejects when printing
     */
    static String controller(List<OwnerReference> owners) {
        if (owners == null) {
            return "<none>";
        }
        for (OwnerReference ref : owners) {
            if (Boolean.TRUE.equals(ref.getController())) {
                String apiVersion = Columns.str(ref.getApiVersion());
                String[] parts = apiVersion.split("/", -1);
                if (parts.length > 2) {
                    throw new IllegalArgumentException("unexpected GroupVersion string: " + apiVersion);
                }
                String group = parts.length == 2 ? parts[0] : "";
                String kind = Columns.str(ref.getKind());
                String name = Columns.str(ref.getName());
                if (kind.isEmpty() && group.isEmpty()) {
                    return name;
                }
                String groupKind = group.isEmpty() ? kind : kind + "." + group;
                return groupKind.toLowerCase(Locale.ROOT) + "/" + name;
            }
        }
        return "<none>";
    }
}
