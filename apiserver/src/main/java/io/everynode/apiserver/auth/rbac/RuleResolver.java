package io.everynode.apiserver.auth.rbac;

import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.watch.ObjectCache;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules a user holds in a namespace, from the Roles, ClusterRoles and bindings in the watch
 * cache (upstream's {@code DefaultRuleResolver}): the rules of the ClusterRoles its
 * ClusterRoleBindings name, everywhere; in a namespace also those of the Roles and ClusterRoles
 * its RoleBindings there name. A binding to a role that does not exist grants nothing.
 */
public final class RuleResolver implements AutoCloseable {
    private final ObjectCache cache;
    private final BindingIndex index;

    public RuleResolver(ObjectCache cache) {
        this.cache = cache;
        this.index = new BindingIndex(cache);
    }

    /** Called with each rule and where it comes from; answers false to stop. */
    @FunctionalInterface
    public interface Visitor {
        boolean visit(String source, PolicyRule rule);
    }

    /**
     * Visits the rules {@code user} holds in {@code namespace} ("" : cluster-wide rules only),
     * each with upstream's description of its source ({@code ClusterRoleBinding "b" of
     * ClusterRole "r" to User "u"}), until the visitor answers false.
     */
    public void visit(UserInfo user, String namespace, Visitor visitor) {
        for (BindingIndex.Binding b : index.bindings(user, namespace)) {
            String subject = Subjects.describeMatch(b.object(), b.namespace(), user);
            if (subject == null) continue; // a stale index entry
            JsonNode ref = b.object().path("roleRef");
            String kind = ref.path("kind").asString("");
            String roleName = ref.path("name").asString("");
            ObjectNode role = kind.equals("Role") && !b.namespace().isEmpty()
                    ? cache.get(ResourceTypes.ROLES, ResourceTypes.ROLES.key(b.namespace(), roleName))
                    : kind.equals("ClusterRole")
                            ? cache.get(ResourceTypes.CLUSTER_ROLES, ResourceTypes.CLUSTER_ROLES.key(null, roleName))
                            : null;
            if (role == null) continue;
            String bindingName = b.namespace().isEmpty() ? b.name() : b.name() + "/" + b.namespace();
            String source =
                    b.type().kind() + " \"" + bindingName + "\" of " + kind + " \"" + roleName + "\" to " + subject;
            for (JsonNode r : role.path("rules")) {
                if (!visitor.visit(source, PolicyRule.from(r))) return;
            }
        }
    }

    /** Every rule {@code user} holds in {@code namespace}. */
    public List<PolicyRule> rules(UserInfo user, String namespace) {
        List<PolicyRule> rules = new ArrayList<>();
        visit(user, namespace, (source, rule) -> rules.add(rule));
        return rules;
    }

    @Override
    public void close() {
        index.close();
    }
}
