package io.everynode.apiserver.auth.rbac;

import io.everynode.api.json.Json;
import io.everynode.apiserver.auth.RequestAttributes;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 {@code PolicyRule}) and
 * upstream's matching of a request against it.
 *
 * <p>A resource request matches when the verb, the API group, the resource and the name match:
 * {@code "*"} matches any verb, group or resource; a resource is {@code "pods"} or, for a
 * subresource, {@code "pods/log"}, and {@code "*}{@code /scale"} matches the {@code scale}
 * subresource of any resource; an empty {@code resourceNames} matches every name. A non-resource
 * request matches by verb and {@code nonResourceURLs}, where a trailing {@code "*"} matches any
 * path with that prefix.
 */
public record PolicyRule(
        List<String> verbs,
        List<String> apiGroups,
        List<String> resources,
        List<String> resourceNames,
        List<String> nonResourceURLs) {
    public static final String ALL = "*";

    public PolicyRule {
        verbs = List.copyOf(verbs);
        apiGroups = List.copyOf(apiGroups);
        resources = List.copyOf(resources);
        resourceNames = List.copyOf(resourceNames);
        nonResourceURLs = List.copyOf(nonResourceURLs);
    }

    /** A rule on resources of {@code groups}. */
    public static PolicyRule resources(List<String> verbs, List<String> groups, List<String> resources) {
        return new PolicyRule(verbs, groups, resources, List.of(), List.of());
    }

    /** A rule on non-resource paths. */
    public static PolicyRule urls(List<String> verbs, List<String> urls) {
        return new PolicyRule(verbs, List.of(), List.of(), List.of(), urls);
    }

    public PolicyRule withNames(List<String> names) {
        return new PolicyRule(verbs, apiGroups, resources, names, nonResourceURLs);
    }

    /** The rules of a Role or ClusterRole object ({@code rules}, absent = none). */
    public static List<PolicyRule> of(JsonNode role) {
        List<PolicyRule> rules = new ArrayList<>();
        for (JsonNode r : role.path("rules")) rules.add(from(r));
        return rules;
    }

    public static PolicyRule from(JsonNode r) {
        return new PolicyRule(
                strings(r.path("verbs")),
                strings(r.path("apiGroups")),
                strings(r.path("resources")),
                strings(r.path("resourceNames")),
                strings(r.path("nonResourceURLs")));
    }

    /** The rule as the API writes it, empty lists left out. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        put(o, "verbs", verbs);
        put(o, "apiGroups", apiGroups);
        put(o, "resources", resources);
        put(o, "resourceNames", resourceNames);
        put(o, "nonResourceURLs", nonResourceURLs);
        return o;
    }

    /** Whether this rule grants {@code a} (upstream's {@code RuleAllows}). */
    public boolean allows(RequestAttributes a) {
        if (!matchesVerb(a.verb())) return false;
        if (!a.resourceRequest()) return matchesUrl(a.path());
        return matchesGroup(a.apiGroup())
                && matchesResource(a.resourceWithSubresource(), a.subresource())
                && matchesName(a.name());
    }

    public boolean matchesVerb(String verb) {
        return verbs.contains(ALL) || verbs.contains(verb);
    }

    /** Whether this rule holds {@code verb} for granting it on: {@code "*"} is held only through {@code "*"}. */
    public boolean matchesVerbExactly(String verb) {
        return verbs.contains(ALL) || (!verb.equals(ALL) && verbs.contains(verb));
    }

    public boolean matchesGroup(String group) {
        return apiGroups.contains(ALL) || apiGroups.contains(group);
    }

    /**
     * @param combined "pods" or "pods/log"
     * @param subresource "log", or "" for the resource itself
     */
    public boolean matchesResource(String combined, String subresource) {
        for (String r : resources) {
            if (r.equals(ALL) || r.equals(combined)) return true;
            if (!subresource.isEmpty() && r.startsWith("*/") && r.substring(2).equals(subresource)) return true;
        }
        return false;
    }

    public boolean matchesName(String name) {
        return resourceNames.isEmpty() || resourceNames.contains(name);
    }

    public boolean matchesUrl(String path) {
        for (String u : nonResourceURLs) {
            if (u.equals(ALL) || u.equals(path)) return true;
            if (u.endsWith("*") && path.startsWith(u.substring(0, u.length() - 1))) return true;
        }
        return false;
    }

    /** Upstream's compact form, as its escalation errors print a rule. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        List<String> parts = new ArrayList<>();
        if (!apiGroups.isEmpty()) parts.add("APIGroups:" + quoted(apiGroups));
        if (!resources.isEmpty()) parts.add("Resources:" + quoted(resources));
        if (!resourceNames.isEmpty()) parts.add("ResourceNames:" + quoted(resourceNames));
        if (!nonResourceURLs.isEmpty()) parts.add("NonResourceURLs:" + quoted(nonResourceURLs));
        parts.add("Verbs:" + quoted(verbs));
        b.append(String.join(", ", parts));
        return b.append('}').toString();
    }

    private static String quoted(List<String> values) {
        return "[" + String.join(" ", values.stream().map(v -> "\"" + v + "\"").toList()) + "]";
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) out.add(v.asString(""));
        return out;
    }

    private static void put(ObjectNode o, String field, List<String> values) {
        if (values.isEmpty()) return;
        var a = o.putArray(field);
        for (String v : values) a.add(v);
    }
}
