package io.everynode.apiserver.metrics;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resources of {@code metrics.k8s.io/v1beta1} and their discovery, as metrics-server
 * advertises them: {@code nodes} (NodeMetrics, cluster-scoped) and {@code pods} (PodMetrics,
 * namespaced), verbs get and list, empty singular names. They are answered from the agents'
 * reports, never stored, so they stay out of the stored catalogue ({@code ResourceTypes}) and
 * the server adds them to routing and discovery itself. {@code nodes/usage} (create) is where an
 * agent sends its reading; discovery does not list it.
 */
public final class MetricsTypes {
    public static final String GROUP = "metrics.k8s.io";
    public static final String VERSION = "v1beta1";
    public static final String GROUP_VERSION = GROUP + "/" + VERSION;
    /** The subresource of {@link #NODES} an agent posts its usage report to. */
    public static final String USAGE = "usage";

    public static final ResourceType NODES = new ResourceType(
            GROUP,
            VERSION,
            "nodes",
            "",
            "NodeMetrics",
            false,
            List.of(),
            List.of(),
            List.of("get", "list"),
            List.of(USAGE),
            Set.of("metadata.name"),
            GenericKubernetesResource.class);
    public static final ResourceType PODS = new ResourceType(
            GROUP,
            VERSION,
            "pods",
            "",
            "PodMetrics",
            true,
            List.of(),
            List.of(),
            List.of("get", "list"),
            List.of(),
            Set.of("metadata.name", "metadata.namespace"),
            GenericKubernetesResource.class);

    private static final List<ResourceType> ALL = List.of(NODES, PODS);

    private MetricsTypes() {}

    /** The metrics resource of an apiVersion and plural name, for the router. */
    public static Optional<ResourceType> find(String apiVersion, String resource) {
        if (!GROUP_VERSION.equals(apiVersion)) return Optional.empty();
        return ALL.stream().filter(t -> t.resource().equals(resource)).findFirst();
    }

    public static boolean serves(ResourceType type) {
        return ALL.contains(type);
    }

    /** Adds the group to a legacy {@code APIGroupList} ({@code /apis}). */
    public static void addTo(ObjectNode groupList) {
        groupList.withArray("groups").add(apiGroup());
    }

    /** Adds the group to an aggregated {@code APIGroupDiscoveryList} of the named groups. */
    public static void addToAggregated(ObjectNode discoveryList) {
        ObjectNode g = discoveryList.withArray("items").addObject();
        ObjectNode meta = g.putObject("metadata");
        meta.put("name", GROUP);
        meta.put("creationTimestamp", (String) null);
        ObjectNode v = g.putArray("versions").addObject();
        v.put("version", VERSION);
        v.put("freshness", "Current");
        ArrayNode resources = v.putArray("resources");
        for (ResourceType t : ALL) {
            ObjectNode r = resources.addObject();
            r.put("resource", t.resource());
            ObjectNode kind = r.putObject("responseKind");
            kind.put("group", GROUP);
            kind.put("version", VERSION);
            kind.put("kind", t.kind());
            r.put("scope", t.namespaced() ? "Namespaced" : "Cluster");
            r.put("singularResource", t.singular());
            strings(r.putArray("verbs"), t.verbs());
        }
    }

    /**
     * The discovery document at {@code /apis/{rest}} when it is this group's: the APIGroup for
     * {@code metrics.k8s.io}, the APIResourceList for {@code metrics.k8s.io/v1beta1}.
     */
    public static Optional<ObjectNode> document(String rest) {
        if (rest.equals(GROUP)) return Optional.of(apiGroup());
        if (!rest.equals(GROUP_VERSION)) return Optional.empty();
        ObjectNode o = Json.object();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", GROUP_VERSION);
        ArrayNode resources = o.putArray("resources");
        for (ResourceType t : ALL) {
            ObjectNode r = resources.addObject();
            r.put("name", t.resource());
            r.put("singularName", t.singular());
            r.put("namespaced", t.namespaced());
            r.put("kind", t.kind());
            strings(r.putArray("verbs"), t.verbs());
        }
        return Optional.of(o);
    }

    private static ObjectNode apiGroup() {
        ObjectNode g = Json.object();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", GROUP);
        ObjectNode v = g.putArray("versions").addObject();
        v.put("groupVersion", GROUP_VERSION);
        v.put("version", VERSION);
        g.set("preferredVersion", v.deepCopy());
        return g;
    }

    private static void strings(ArrayNode a, List<String> values) {
        values.forEach(a::add);
    }
}
