package io.everynode.apiserver.auth.rbac;

import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.auth.Authorizer;
import io.everynode.apiserver.auth.RequestAttributes;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RBAC's escalation prevention, as an admission check on writes of roles and bindings
 * (upstream's policy-based role and binding storage):
 *
 * <ul>
 *   <li>creating or updating a Role or ClusterRole is allowed when the writer holds every rule
 *       it grants (in the role's namespace; cluster-wide for a ClusterRole), or may
 *       {@code escalate} that role; an {@code aggregationRule} needs {@code escalate};
 *   <li>creating or updating a binding is allowed when the writer may {@code bind} the role it
 *       names, or holds every rule of that role (in the binding's namespace).
 * </ul>
 *
 * Members of {@code system:masters} pass. A refusal is upstream's 403: {@code roles.rbac...
 * "NAME" is forbidden: user "U" (groups=[...]) is attempting to grant RBAC permissions not
 * currently held:} followed by the missing rules, one a line.
 */
public final class EscalationCheck implements Admission {
    private final RuleResolver rules;
    private final Function<RequestAttributes, Authorizer.Decision> authorizer;

    /** @param authorizer the server's whole decision (AccessControl's), for the escalate and bind verbs */
    public EscalationCheck(RuleResolver rules, Function<RequestAttributes, Authorizer.Decision> authorizer) {
        this.rules = rules;
        this.authorizer = authorizer;
    }

    @Override
    public void admit(Request r) {
        if (r.operation() == Operation.DELETE) return;
        UserInfo user = r.caller().user();
        if (user.inGroup(UserInfo.MASTERS)) return;
        ResourceType t = r.type();
        String ns = r.namespace() == null ? "" : r.namespace();
        if (t.equals(ResourceTypes.ROLES) || t.equals(ResourceTypes.CLUSTER_ROLES)) {
            role(r, user, t, ns);
        } else if (t.equals(ResourceTypes.ROLE_BINDINGS) || t.equals(ResourceTypes.CLUSTER_ROLE_BINDINGS)) {
            binding(r, user, t, ns);
        }
    }

    private void role(Request r, UserInfo user, ResourceType t, String ns) {
        if (allowed(user, "escalate", t.resource(), ns, r.name())) return;
        if (r.object().has("aggregationRule")
                && !r.object().path("aggregationRule").isNull()) {
            throw Statuses.forbidden(
                    t.group(), t.resource(), r.name(), "must have cluster-admin privileges to use the aggregationRule");
        }
        confirmNoEscalation(r, user, t, ns, PolicyRule.of(r.object()));
    }

    private void binding(Request r, UserInfo user, ResourceType t, String ns) {
        JsonNode ref = r.object().path("roleRef");
        String kind = ref.path("kind").asString("");
        String roleName = ref.path("name").asString("");
        ResourceType roleType = kind.equals("Role") ? ResourceTypes.ROLES : ResourceTypes.CLUSTER_ROLES;
        if (allowed(user, "bind", roleType.resource(), ns, roleName)) return;
        ObjectNode role = kind.equals("Role")
                ? r.lookup().get(ResourceTypes.ROLES, ns, roleName)
                : kind.equals("ClusterRole") ? r.lookup().get(ResourceTypes.CLUSTER_ROLES, null, roleName) : null;
        if (role == null) {
            throw Statuses.forbidden(
                    t.group(),
                    t.resource(),
                    r.name(),
                    roleType.resource() + "." + roleType.group() + " \"" + roleName + "\" not found");
        }
        confirmNoEscalation(r, user, t, ns, PolicyRule.of(role));
    }

    private void confirmNoEscalation(Request r, UserInfo user, ResourceType t, String ns, List<PolicyRule> granted) {
        List<PolicyRule> missing = Coverage.missing(rules.rules(user, ns), granted);
        if (missing.isEmpty()) return;
        throw forbidden(t, r.name(), user, missing);
    }

    /** Upstream's refusal of a grant the writer does not hold. */
    static ApiException forbidden(ResourceType t, String name, UserInfo user, List<PolicyRule> missing) {
        String groups = user.groups().stream().map(g -> "\"" + g + "\"").collect(Collectors.joining(" ", "[", "]"));
        String why = "user \"" + user.name() + "\" (groups=" + groups
                + ") is attempting to grant RBAC permissions not currently held:\n"
                + missing.stream().map(PolicyRule::toString).collect(Collectors.joining("\n"));
        return Statuses.forbidden(t.group(), t.resource(), name, why);
    }

    private boolean allowed(UserInfo user, String verb, String resource, String ns, String name) {
        RequestAttributes a =
                RequestAttributes.resource(user, verb, "rbac.authorization.k8s.io", resource, "", ns, name);
        return authorizer.apply(a).allowed();
    }
}
