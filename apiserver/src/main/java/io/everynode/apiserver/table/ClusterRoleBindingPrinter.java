package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code kubectl get clusterrolebindings}: NAME ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS (see {@link Subjects}). */
final class ClusterRoleBindingPrinter implements RowPrinter<ClusterRoleBinding> {
    @Override
    public List<TableColumn> columns() {
        return Subjects.COLUMNS;
    }

    @Override
    public Class<ClusterRoleBinding> objectType() {
        return ClusterRoleBinding.class;
    }

    @Override
    public List<Object> cells(ClusterRoleBinding crb, Instant now) {
        List<Object> cells = new ArrayList<>(List.of(
                Columns.str(crb.getMetadata().getName()),
                Subjects.role(crb.getRoleRef()),
                Times.since(crb.getMetadata().getCreationTimestamp(), now)));
        cells.addAll(Subjects.cells(crb.getSubjects()));
        return List.copyOf(cells);
    }
}
