package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl get rolebindings}: NAME ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS (see {@link Subjects}). */
final class RoleBindingPrinter implements RowPrinter<RoleBinding> {
    @Override
    public List<TableColumn> columns() {
        return Subjects.COLUMNS;
    }

    @Override
    public Class<RoleBinding> objectType() {
        return RoleBinding.class;
    }

    @Override
    public List<Object> cells(RoleBinding rb, Instant now) {
        List<Object> cells = new ArrayList<>(List.of(
                Columns.str(rb.getMetadata().getName()),
                Subjects.role(rb.getRoleRef()),
                Times.since(rb.getMetadata().getCreationTimestamp(), now)));
        cells.addAll(Subjects.cells(rb.getSubjects()));
        return List.copyOf(cells);
    }
}
