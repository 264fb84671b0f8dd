package io.everynode.apiserver.metrics;

import io.everynode.api.json.Json;
import io.everynode.api.metrics.UsageReport;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.selector.FieldSelector;
import io.everynode.api.selector.Selector;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.auth.UserInfo;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.rest.Route;
import io.everynode.apiserver.watch.ObjectCache;
import io.everynode.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves {@code metrics.k8s.io/v1beta1} from the agents' usage reports (the route is already
 * authorized): get and list of NodeMetrics and PodMetrics with label and field selectors
 * ({@code metadata.name}, and {@code metadata.namespace} for pods), and
 * {@code POST nodes/NAME/usage}, where an agent sends its reading. Only nodes and pods that exist
 * (in the watch cache) and have two fresh readings are served; one that has none yet is a 404
 * ({@code nodemetrics.metrics.k8s.io "NAME" not found}, as metrics-server answers) and is left
 * out of lists. A pod's figures count only while it is bound to the node that reported it. The
 * readings are kept in the store ({@link UsageHistory}), so every server on one store answers alike.
 */
public final class MetricsApi {
    private final ObjectCache cache;
    private final Clock clock;
    private final UsageHistory history;

    /**
     * @param store where the readings are kept, shared by every server on it ({@link UsageHistory})
     * @param atRest the encryption-at-rest transformer every stored value goes through
     */
    public MetricsApi(ObjectCache cache, Store store, ValueTransformer atRest, Clock clock) {
        this.cache = cache;
        this.clock = clock;
        this.history = new UsageHistory(store, atRest, clock);
    }

    public void handle(ApiRequest req, ApiResponse resp, Route route) {
        if (MetricsTypes.USAGE.equals(route.subresource())) {
            if (!req.method().equals("POST"))
                throw Statuses.methodNotAllowed(
                        "a node's usage is only sent (POST), never read: read nodes.metrics.k8s.io");
            report(req, resp, route.name());
            return;
        }
        if (!req.method().equals("GET") && !req.method().equals("HEAD"))
            throw Statuses.methodNotAllowed("metrics.k8s.io is read-only: its resources answer get and list");
        if (req.flag("watch")) throw Statuses.methodNotAllowed("metrics.k8s.io does not support watch");
        boolean nodes = route.type().equals(MetricsTypes.NODES);
        ObjectNode body;
        if (route.name() != null) {
            Optional<ObjectNode> one = nodes ? nodeMetrics(route.name()) : podMetrics(route.namespace(), route.name());
            body = one.orElseThrow(() -> nodes
                    ? Statuses.notFound(MetricsTypes.GROUP, "nodemetrics", route.name())
                    : Statuses.notFound(MetricsTypes.GROUP, "podmetrics", route.namespace() + "/" + route.name()));
        } else {
            Predicate<ObjectNode> filter = filter(req, nodes);
            Map<String, UsageHistory.Window> windows = history.windows();
            List<ObjectNode> items = (nodes ? allNodeMetrics(windows) : allPodMetrics(route.namespace(), windows))
                    .stream().filter(filter).toList();
            body = MetricsObjects.list(nodes ? "NodeMetricsList" : "PodMetricsList", items);
        }
        resp.send(200, "application/json", Json.bytes(body));
    }

    /** Keeps a node's reading: a node may send only its own, and the reading must name the node of the path. */
    private void report(ApiRequest req, ApiResponse resp, String node) {
        UserInfo user = req.user();
        if (user != null
                && user.name().startsWith(UserInfo.NODE_PREFIX)
                && !user.name().equals(UserInfo.NODE_PREFIX + node)) {
            throw Statuses.forbidden(MetricsTypes.GROUP, "nodes/usage", node, "a node may only report its own usage");
        }
        UsageReport report;
        try {
            report = UsageReport.fromJson(Json.parse(req.body()));
        } catch (IllegalArgumentException e) {
            throw invalid(node, e.getMessage());
        } catch (RuntimeException e) {
            throw Statuses.badRequest("the usage report is not JSON: " + e.getMessage());
        }
        if (!report.node().equals(node))
            throw invalid(
                    node, "node: Invalid value: \"" + report.node() + "\": must be the node of the path, " + node);
        history.record(report);
        ObjectNode ok = Json.object();
        ok.put("kind", "Status");
        ok.put("apiVersion", "v1");
        ok.putObject("metadata");
        ok.put("status", "Success");
        ok.put("code", 201);
        resp.send(201, "application/json", Json.bytes(ok));
    }

    private static RuntimeException invalid(String node, String fieldAndMessage) {
        int colon = fieldAndMessage.indexOf(": ");
        String field = colon < 0 ? "" : fieldAndMessage.substring(0, colon);
        String message = colon < 0 ? fieldAndMessage : fieldAndMessage.substring(colon + 2);
        return Statuses.invalid(
                "everynode.io",
                UsageReport.KIND,
                node,
                List.of(new Statuses.Cause(field, "FieldValueInvalid", message)));
    }

    private Optional<ObjectNode> nodeMetrics(String name) {
        ObjectNode node = cache.get(ResourceTypes.NODES, ResourceTypes.NODES.key(null, name));
        if (node == null) return Optional.empty();
        return nodeMetrics(node, history.window(name));
    }

    private Optional<ObjectNode> nodeMetrics(ObjectNode node, Optional<UsageHistory.Window> window) {
        String name = node.path("metadata").path("name").asString("");
        return window.flatMap(w -> UsageRates.node(w.earlier(), w.later()))
                .map(r -> MetricsObjects.node(name, labels(node), clock.instant(), r));
    }

    private List<ObjectNode> allNodeMetrics(Map<String, UsageHistory.Window> windows) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode node : cache.list(ResourceTypes.NODES, ResourceTypes.NODES.listPrefix(null))) {
            String name = node.path("metadata").path("name").asString("");
            nodeMetrics(node, Optional.ofNullable(windows.get(name))).ifPresent(out::add);
        }
        return out;
    }

    private Optional<ObjectNode> podMetrics(String namespace, String name) {
        ObjectNode pod = cache.get(ResourceTypes.PODS, ResourceTypes.PODS.key(namespace, name));
        if (pod == null) return Optional.empty();
        String node = pod.path("spec").path("nodeName").asString("");
        if (node.isEmpty()) return Optional.empty();
        return rates(history.window(node)).stream()
                .filter(r -> r.namespace().equals(namespace) && r.name().equals(name))
                .findFirst()
                .map(r -> MetricsObjects.pod(labels(pod), clock.instant(), r));
    }

    /** The pods of {@code namespace} (null: every namespace) with figures, each from the node it is bound to. */
    private List<ObjectNode> allPodMetrics(String namespace, Map<String, UsageHistory.Window> windows) {
        Map<String, Map<String, UsageRates.PodRate>> byNode = new LinkedHashMap<>();
        List<ObjectNode> out = new ArrayList<>();
        Instant now = clock.instant();
        for (ObjectNode pod : cache.list(ResourceTypes.PODS, ResourceTypes.PODS.listPrefix(namespace))) {
            String node = pod.path("spec").path("nodeName").asString("");
            if (node.isEmpty()) continue;
            Map<String, UsageRates.PodRate> rates = byNode.computeIfAbsent(node, n -> {
                Map<String, UsageRates.PodRate> m = new LinkedHashMap<>();
                for (UsageRates.PodRate r : rates(Optional.ofNullable(windows.get(n))))
                    m.put(r.namespace() + "/" + r.name(), r);
                return m;
            });
            JsonNode meta = pod.path("metadata");
            UsageRates.PodRate r = rates.get(meta.path("namespace").asString("") + "/"
                    + meta.path("name").asString(""));
            if (r != null) out.add(MetricsObjects.pod(labels(pod), now, r));
        }
        return out;
    }

    private static List<UsageRates.PodRate> rates(Optional<UsageHistory.Window> window) {
        return window.map(w -> UsageRates.pods(w.earlier(), w.later())).orElse(List.of());
    }

    /** The list's label and field selectors, applied to the metrics objects (which carry their source's labels). */
    private static Predicate<ObjectNode> filter(ApiRequest req, boolean nodes) {
        String ls = req.param("labelSelector");
        String fs = req.param("fieldSelector");
        Selector labels;
        FieldSelector fields;
        try {
            labels = ls == null || ls.isBlank() ? Selector.everything() : Selector.parse(ls);
            fields = fs == null || fs.isBlank() ? null : FieldSelector.parse(fs);
        } catch (IllegalArgumentException e) {
            throw Statuses.badRequest(e.getMessage());
        }
        if (fields != null) {
            for (String f : fields.fields()) {
                boolean known = f.equals("metadata.name") || (!nodes && f.equals("metadata.namespace"));
                if (!known) throw Statuses.badRequest("field label not supported: " + f);
            }
        }
        return o -> {
            if (!labels.matches(labels(o))) return false;
            if (fields == null) return true;
            JsonNode m = o.path("metadata");
            return fields.matches(Map.of(
                    "metadata.name", m.path("name").asString(""),
                    "metadata.namespace", m.path("namespace").asString("")));
        };
    }

    private static Map<String, String> labels(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode l = o.path("metadata").path("labels");
        for (Map.Entry<String, JsonNode> e : l.properties())
            out.put(e.getKey(), e.getValue().asString(""));
        return out;
    }
}
