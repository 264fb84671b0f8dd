package io.everynode.apiserver.auth.rbac;

import io.everynode.apiserver.auth.UserInfo;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Who a binding's subjects are, as keys a user can be looked up by: {@code User:NAME} and
 * {@code Group:NAME}. A ServiceAccount subject is the user
 * {@code system:serviceaccount:NS:NAME}; in a RoleBinding its namespace defaults to the
 * binding's, as upstream's {@code appliesToUser} does.
 */
final class Subjects {
    private Subjects() {}

    /** The keys of the subjects of {@code binding}, which lies in {@code namespace} ("" for a ClusterRoleBinding). */
    static List<String> keys(JsonNode binding, String namespace) {
        List<String> keys = new ArrayList<>();
        for (JsonNode s : binding.path("subjects")) {
            String name = s.path("name").asString("");
            switch (s.path("kind").asString("")) {
                case "User" -> keys.add(user(name));
                case "Group" -> keys.add(group(name));
                case "ServiceAccount" -> {
                    String ns = s.path("namespace").asString("");
                    if (ns.isEmpty()) ns = namespace;
                    if (!ns.isEmpty()) keys.add(user(UserInfo.SERVICE_ACCOUNT_PREFIX + ns + ":" + name));
                }
                default -> {}
            }
        }
        return keys;
    }

    /** The keys {@code user} answers to: its name and each of its groups. */
    static List<String> keysOf(UserInfo user) {
        List<String> keys = new ArrayList<>(user.groups().size() + 1);
        keys.add(user(user.name()));
        for (String g : user.groups()) keys.add(group(g));
        return keys;
    }

    /** The subject of {@code binding} that {@code user} matched, as upstream's reasons name it, or null. */
    static String describeMatch(JsonNode binding, String namespace, UserInfo user) {
        for (JsonNode s : binding.path("subjects")) {
            String name = s.path("name").asString("");
            String kind = s.path("kind").asString("");
            switch (kind) {
                case "User" -> {
                    if (name.equals(user.name())) return "User \"" + name + "\"";
                }
                case "Group" -> {
                    if (user.inGroup(name)) return "Group \"" + name + "\"";
                }
                case "ServiceAccount" -> {
                    String ns = s.path("namespace").asString("");
                    if (ns.isEmpty()) ns = namespace;
                    if (user.name().equals(UserInfo.SERVICE_ACCOUNT_PREFIX + ns + ":" + name))
                        return "ServiceAccount \"" + name + "/" + ns + "\"";
                }
                default -> {}
            }
        }
        return null;
    }

    private static String user(String name) {
        return "User:" + name;
    }

    private static String group(String name) {
        return "Group:" + name;
    }
}
