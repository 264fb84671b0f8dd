package io.everynode.apiserver.table;

import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells RoleBindings and ClusterRoleBindings share: ROLE as {@code Kind/name}, and the
 * subjects split into users, groups and service accounts ({@code namespace/name}), each joined
 * by {@code ", "}. Subjects of other kinds are not shown.
 */
final class Subjects {
    private Subjects() {}

    static final List<TableColumn> COLUMNS = List.of(
            Columns.name(),
            Columns.of(
                    "Role",
                    "string",
                    "RoleRef can reference a Role in the current namespace or a ClusterRole"
                            + " in the global namespace."),
            Columns.age(),
            Columns.wide("Users", "string", "Users in the roleBinding"),
            Columns.wide("Groups", "string", "Groups in the roleBinding"),
            Columns.wide("ServiceAccounts", "string", "ServiceAccounts in the roleBinding"));

    static String role(RoleRef ref) {
        return ref == null ? "/" : Columns.str(ref.getKind()) + "/" + Columns.str(ref.getName());
    }

    /** Users, groups and service accounts, in that order, as three cells. */
    static List<String> cells(List<Subject> subjects) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> serviceAccounts = new ArrayList<>();
        for (Subject s : subjects == null ? List.<Subject>of() : subjects) {
            switch (Columns.str(s.getKind())) {
                case "User" -> users.add(Columns.str(s.getName()));
                case "Group" -> groups.add(Columns.str(s.getName()));
                case "ServiceAccount" ->
                    serviceAccounts.add(Columns.str(s.getNamespace()) + "/" + Columns.str(s.getName()));
                default -> {}
            }
        }
        return List.of(String.join(", ", users), String.join(", ", groups), String.join(", ", serviceAccounts));
    }
}
