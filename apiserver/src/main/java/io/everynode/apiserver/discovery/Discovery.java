package io.everynode.apiserver.discovery;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.crd.ServedTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * API discovery in both forms kubectl reads (kubectl-contract.md §1.2): aggregated
 * ({@code APIGroupDiscoveryList}, chosen by kubectl only from the exact response content type)
 * and legacy ({@code APIVersions}, {@code APIGroupList}, one {@code APIResourceList} per
 * group-version). Legacy {@code /api/v1} always lists {@code pods/eviction} as policy/v1
 * Eviction, because {@code kubectl drain} looks for it there.
 */
public final class Discovery {
    public static final String AGGREGATED_CONTENT_TYPE =
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private Discovery() {}

    public static boolean wantsAggregated(String accept) {
        return accept != null && accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2");
    }

    /** Aggregated discovery of the core group ({@code legacy=true}) or of the named groups. */
    public static ObjectNode aggregated(ServedTypes types, boolean core) {
        ObjectNode list = Json.object();
        list.put("kind", "APIGroupDiscoveryList");
        list.put("apiVersion", "apidiscovery.k8s.io/v2");
        list.putObject("metadata");
        ArrayNode items = list.putArray("items");
        for (Map.Entry<String, List<String>> e : versionsByGroup(types).entrySet()) {
            String group = e.getKey();
            boolean isCore = group.isEmpty();
            if (isCore != core) continue;
            ObjectNode g = items.addObject();
            ObjectNode meta = g.putObject("metadata");
            meta.put("name", group);
            meta.put("creationTimestamp", (String) null);
            ArrayNode versions = g.putArray("versions");
            for (String version : e.getValue()) {
                String gv = isCore ? version : group + "/" + version;
                ObjectNode v = versions.addObject();
                v.put("version", version);
                versionResources(types, gv, v);
            }
        }
        return list;
    }

    /** The groups served, each with its versions by priority (the first is the preferred one). */
    private static Map<String, List<String>> versionsByGroup(ServedTypes types) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String gv : types.groupVersions()) {
            int slash = gv.indexOf('/');
            String group = slash < 0 ? "" : gv.substring(0, slash);
            out.computeIfAbsent(group, g -> new ArrayList<>()).add(gv.substring(slash + 1));
        }
        return out;
    }

    private static void versionResources(ServedTypes types, String gv, ObjectNode v) {
        v.put("freshness", "Current");
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : types.all()) {
            if (!t.apiVersion().equals(gv)) continue;
            ObjectNode r = resources.addObject();
            r.put("resource", t.resource());
            responseKind(r.putObject("responseKind"), t.group(), t.version(), t.kind());
            r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
            r.put("singularResource", t.singular());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) strings(r.putArray("shortNames"), t.shortNames());
            if (!t.categories().isEmpty()) strings(r.putArray("categories"), t.categories());
            if (!t.subresources().isEmpty()) {
                ArrayNode subs = r.putArray("subresources");
                for (String s : t.subresources()) {
                    Sub sub = sub(t, s);
                    ObjectNode so = subs.addObject();
                    so.put("subresource", s);
                    responseKind(so.putObject("responseKind"), sub.group, sub.version, sub.kind);
                    strings(so.putArray("verbs"), sub.verbs);
                }
            }
        }
    }

    public static ObjectNode apiVersions(String serverAddress) {
        ObjectNode o = Json.object();
        o.put("kind", "APIVersions");
        strings(o.putArray("versions"), List.of("v1"));
        ObjectNode a = o.putArray("serverAddressByClientCIDRs").addObject();
        a.put("clientCIDR", "0.0.0.0/0");
        a.put("serverAddress", serverAddress);
        return o;
    }

    public static ObjectNode groupList(ServedTypes types) {
        ObjectNode o = Json.object();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        for (Map.Entry<String, List<String>> e : versionsByGroup(types).entrySet()) {
            if (!e.getKey().isEmpty()) groups.add(group(e.getKey(), e.getValue()));
        }
        return o;
    }

    /** {@code /apis/{group}}: the APIGroup, or empty when the group is not served. */
    public static Optional<ObjectNode> apiGroup(ServedTypes types, String name) {
        List<String> versions = name.isEmpty() ? null : versionsByGroup(types).get(name);
        return versions == null ? Optional.empty() : Optional.of(group(name, versions));
    }

    private static ObjectNode group(String group, List<String> versions) {
        ObjectNode g = Json.object();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", group);
        ArrayNode vs = g.putArray("versions");
        for (String version : versions) {
            ObjectNode v = vs.addObject();
            v.put("groupVersion", group + "/" + version);
            v.put("version", version);
        }
        g.set("preferredVersion", vs.get(0).deepCopy());
        return g;
    }

    /** The legacy resource list of one group-version, or empty when it is not served. */
    public static Optional<ObjectNode> resourceList(ServedTypes types, String groupVersion) {
        if (!types.groupVersions().contains(groupVersion)) return Optional.empty();
        ObjectNode o = Json.object();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", groupVersion);
        ArrayNode resources = o.putArray("resources");
        for (ResourceType t : types.all()) {
            if (!t.apiVersion().equals(groupVersion)) continue;
            ObjectNode r = resources.addObject();
            r.put("name", t.resource());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
            if (!t.shortNames().isEmpty()) strings(r.putArray("shortNames"), t.shortNames());
            if (!t.categories().isEmpty()) strings(r.putArray("categories"), t.categories());
            for (String s : t.subresources()) {
                Sub sub = sub(t, s);
                ObjectNode so = resources.addObject();
                so.put("name", t.resource() + "/" + s);
                so.put("singularName", "");
                so.put("namespaced", t.namespaced());
                if (!sub.group.equals(t.group()) || !sub.version.equals(t.version())) {
                    so.put("group", sub.group);
                    so.put("version", sub.version);
                }
                so.put("kind", sub.kind);
                strings(so.putArray("verbs"), sub.verbs);
            }
        }
        return Optional.of(o);
    }

    private record Sub(String group, String version, String kind, List<String> verbs) {}

    private static Sub sub(ResourceType t, String s) {
        return switch (s) {
            case "status" -> new Sub(t.group(), t.version(), t.kind(), List.of("get", "patch", "update"));
            case "binding" -> new Sub(t.group(), t.version(), "Binding", List.of("create"));
            case "eviction" -> new Sub("policy", "v1", "Eviction", List.of("create"));
            case "token" -> new Sub("authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
            case "log" -> new Sub(t.group(), t.version(), t.kind(), List.of("get"));
            case "exec" -> new Sub(t.group(), t.version(), "PodExecOptions", List.of("create", "get"));
            case "attach" -> new Sub(t.group(), t.version(), "PodAttachOptions", List.of("create", "get"));
            case "portforward" -> new Sub(t.group(), t.version(), "PodPortForwardOptions", List.of("create", "get"));
            case "finalize" -> new Sub(t.group(), t.version(), t.kind(), List.of("update"));
            case "scale" -> new Sub("autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
            default -> new Sub(t.group(), t.version(), t.kind(), List.of("get"));
        };
    }

    private static void responseKind(ObjectNode o, String group, String version, String kind) {
        o.put("group", group);
        o.put("version", version);
        o.put("kind", kind);
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
