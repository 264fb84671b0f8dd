package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.registry.Admission;
import io.everynode.apiserver.registry.Caller;
import io.everynode.apiserver.registry.DeleteOptions;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Registry;
import io.everynode.apiserver.registry.Registry.Part;
import io.everynode.apiserver.stream.ExecProxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code pods/binding}, {@code pods/eviction}, {@code pods/log}, {@code pods/exec}, {@code pods/attach} and {@code pods/portforward}. */
final class PodSubresources {
    private final Registry registry;
    private final Clock clock;
    private final LogProxy logs;
    private final ExecProxy execs;
    private final DisruptionCheck disruptions;
    /** Held while an eviction checks budgets and deletes. */
    private final Object evictions = new Object();

    PodSubresources(Registry registry, Clock clock, LogProxy logs, ExecProxy execs) {
        this.execs = execs;
        this.registry = registry;
        this.logs = logs;
        this.clock = clock;
        this.disruptions = new DisruptionCheck(registry);
    }

    /**
     * Binds a pod to a node: sets {@code spec.nodeName} once (a second binding is a 409) and the
     * PodScheduled condition, as upstream's binding registry does, on behalf of {@code caller}
     * (the pod's admission checks see who binds). Answers 201 Success.
     */
    void bind(ApiRequest req, ApiResponse resp, String ns, String name, boolean dryRun, Caller caller) {
        JsonNode body = Bodies.parse(req);
        String node = Json.text(body.path("target"), "name");
        if (node == null || node.isEmpty()) {
            throw Statuses.invalid(
                    "",
                    "Binding",
                    name,
                    java.util.List.of(new Statuses.Cause("target.name", "FieldValueRequired", "Required value")));
        }
        registry.patch(
                ResourceTypes.PODS,
                ns,
                name,
                pod -> {
                    if (Meta.deleting(pod)) {
                        throw Statuses.conflict(
                                "",
                                "pods/binding",
                                name,
                                "pod " + name + " is being deleted, cannot be assigned to a host");
                    }
                    String current = Json.text(pod.path("spec"), "nodeName");
                    if (current != null && !current.isEmpty()) {
                        throw Statuses.conflict(
                                "",
                                "pods/binding",
                                name,
                                "pod " + name + " is already assigned to node \"" + current + "\"");
                    }
                    Json.child(pod, "spec").put("nodeName", node);
                    setCondition(Json.child(pod, "status"), "PodScheduled", "True", null, null, clock.instant());
                    return pod;
                },
                Part.SYSTEM,
                dryRun,
                caller);
        Output.raw(resp, 201, Statuses.success("", "pods", name, null));
    }

    /**
     * The Eviction API: refused with 429 when the pod's PodDisruptionBudget allows no disruption
     * now ({@link DisruptionCheck}); else marks the pod with the DisruptionTarget condition, then
     * deletes it with the eviction's delete options. Evictions run one at a time, so two of them
     * cannot both spend a budget's last allowed disruption (the first pod is deleting, and no
     * longer counts as healthy, when the second is checked). Admission sees the eviction itself
     * (a CREATE of {@code pods/eviction} by {@code caller}, with the pod as its old object, as
     * NodeRestriction checks it); the writes that follow are the server's, as upstream's
     * eviction makes them.
     */
    void evict(ApiRequest req, ApiResponse resp, String ns, String name, boolean dryRun, Caller caller) {
        JsonNode body = Bodies.parse(req);
        String bodyName = Json.text(body.path("metadata"), "name");
        if (bodyName != null && !bodyName.equals(name)) {
            throw Statuses.badRequest("name in URL does not match name in Eviction object");
        }
        DeleteOptions opts = DeleteOptions.from(body.path("deleteOptions"), null, null, dryRun);
        ObjectNode pod = registry.get(ResourceTypes.PODS, ns, name);
        registry.admit(new Admission.Request(
                Admission.Operation.CREATE,
                ResourceTypes.PODS,
                ns,
                name,
                "eviction",
                body instanceof ObjectNode o ? o : Json.object(),
                pod,
                caller,
                dryRun,
                registry.lookup()));
        synchronized (evictions) {
            disruptions.check(ns, registry.get(ResourceTypes.PODS, ns, name));
            evictChecked(ns, name, opts, dryRun);
        }
        Output.raw(resp, 201, Statuses.success("", "pods", name, null));
    }

    private void evictChecked(String ns, String name, DeleteOptions opts, boolean dryRun) {
        if (!dryRun) {
            registry.patch(
                    ResourceTypes.PODS,
                    ns,
                    name,
                    pod -> {
                        setCondition(
                                Json.child(pod, "status"),
                                "DisruptionTarget",
                                "True",
                                "EvictionByEvictionAPI",
                                "Eviction API: evicting",
                                clock.instant());
                        return pod;
                    },
                    Part.STATUS,
                    false);
        }
        registry.delete(ResourceTypes.PODS, ns, name, opts);
    }

    /**
     * {@code pods/log}: checks the request against the pod as upstream does ({@link PodLogs}),
     * finds the node's agent from the Node's status alone ({@link NodeLogAddress}), then relays
     * the log from there ({@link LogProxy}), streaming for {@code follow}.
     */
    void log(ApiRequest req, ApiResponse resp, String ns, String name) {
        ObjectNode pod = registry.get(ResourceTypes.PODS, ns, name);
        PodLogs.validate(req, name);
        PodLogs.Target target = PodLogs.target(pod, req);
        ObjectNode node = registry.get(ResourceTypes.NODES, null, target.node());
        NodeLogAddress.Endpoint agent = NodeLogAddress.of(node);
        logs.relay(PodLogs.url(agent, target, logs.scheme()), agent.toString(), target.node(), resp);
    }

    /**
     * {@code pods/exec}: checks the pod as upstream's exec location does (scheduled, not
     * completed, the container one of its containers), then relays kubectl's WebSocket to the
     * agent's {@code /exec/} ({@link ExecProxy}). Messages are upstream's.
     */
    void exec(ApiRequest req, ApiResponse resp, String ns, String name) {
        java.util.List<String> command = req.query().getOrDefault("command", java.util.List.of());
        stream(req, resp, ns, name, "exec", "cannot exec into a container in a completed pod", command);
    }

    /**
     * {@code pods/attach}: checked and relayed as {@link #exec} is, to the agent's {@code /attach/}
     * (package {@code agent/stream}), which follows the container's output and feeds its stdin.
     */
    void attach(ApiRequest req, ApiResponse resp, String ns, String name) {
        stream(req, resp, ns, name, "attach", "cannot attach a container in a completed pod", null);
    }

    /** exec and attach: the pod's checks, then the relay to the agent's {@code /path/...}; {@code command} null for attach. */
    private void stream(
            ApiRequest req,
            ApiResponse resp,
            String ns,
            String name,
            String path,
            String completed,
            java.util.List<String> command) {
        if (!"GET".equals(req.method()) && !"POST".equals(req.method()))
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        ObjectNode pod = registry.get(ResourceTypes.PODS, ns, name);
        java.util.List<String> containers = new java.util.ArrayList<>();
        for (JsonNode c : pod.path("spec").path("containers")) containers.add(Json.text(c, "name"));
        String container = req.param("container");
        if (container == null || container.isEmpty()) {
            if (containers.size() != 1)
                throw Statuses.badRequest(
                        "a container name must be specified for pod " + name + ", choose one of: " + containers);
            container = containers.get(0);
        } else if (!containers.contains(container)) {
            throw Statuses.badRequest("container " + container + " is not valid for pod " + name);
        }
        String nodeName = Json.text(pod.path("spec"), "nodeName");
        if (nodeName == null || nodeName.isEmpty())
            throw Statuses.badRequest("pod " + name + " does not have a host assigned");
        String phase = Json.text(pod.path("status"), "phase");
        if ("Succeeded".equals(phase) || "Failed".equals(phase))
            throw Statuses.badRequest(completed + "; current phase is " + phase);
        if (command != null && command.isEmpty())
            throw Statuses.badRequest("you must specify at least one command for the container");
        String protocol = ExecProxy.protocol(req.header("sec-websocket-protocol"))
                .orElseThrow(() -> Statuses.badRequest("Upgrade request required: pods/" + path
                        + " is served over WebSocket with subprotocol " + String.join(" or ", ExecProxy.PROTOCOLS)
                        + " (kubectl 1.31 and later); SPDY is not supported"));
        NodeLogAddress.Endpoint agent = NodeLogAddress.of(registry.get(ResourceTypes.NODES, null, nodeName));
        StringBuilder q = new StringBuilder();
        if (command != null)
            for (String c : command)
                q.append(q.length() == 0 ? "?" : "&").append("command=").append(enc(c));
        for (String f : java.util.List.of("stdin", "stdout", "stderr", "tty")) {
            String v = req.param(f);
            if (v != null)
                q.append(q.length() == 0 ? "?" : "&").append(f).append('=').append(enc(v));
        }
        URI uri = URI.create(execs.scheme() + "://" + agent + "/" + path + "/" + enc(ns) + "/" + enc(name) + "/"
                + enc(container) + q);
        execs.relay(uri, protocol, resp, agent.toString(), nodeName);
    }

    /**
     * {@code pods/portforward}: checks the pod as upstream's port-forward location does (scheduled),
     * then relays kubectl's WebSocket ({@code SPDY/3.1+portforward.k8s.io}) to the agent's
     * {@code /portForward/{namespace}/{pod}}. kubectl falls back to a plain SPDY upgrade (a POST)
     * only when the WebSocket is refused; that is answered 400, as for exec.
     */
    void portForward(ApiRequest req, ApiResponse resp, String ns, String name) {
        if (!"GET".equals(req.method()) && !"POST".equals(req.method()))
            throw Statuses.methodNotAllowed("the server does not allow this method on the requested resource");
        ObjectNode pod = registry.get(ResourceTypes.PODS, ns, name);
        String nodeName = Json.text(pod.path("spec"), "nodeName");
        if (nodeName == null || nodeName.isEmpty())
            throw Statuses.badRequest("pod " + name + " does not have a host assigned");
        String offered = req.header("sec-websocket-protocol");
        boolean websocket = offered != null
                && java.util.Arrays.stream(offered.split(","))
                        .map(String::strip)
                        .anyMatch(ExecProxy.PORT_FORWARD_PROTOCOL::equals);
        if (!websocket)
            throw Statuses.badRequest("Upgrade request required: pods/portforward is served over WebSocket"
                    + " with subprotocol " + ExecProxy.PORT_FORWARD_PROTOCOL
                    + " (kubectl 1.31 and later); SPDY is not supported");
        NodeLogAddress.Endpoint agent = NodeLogAddress.of(registry.get(ResourceTypes.NODES, null, nodeName));
        URI uri = URI.create(execs.scheme() + "://" + agent + "/portForward/" + enc(ns) + "/" + enc(name));
        execs.relayPortForward(uri, resp, agent.toString(), nodeName);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sets (or replaces) a condition by type, keeping lastTransitionTime when the status holds. */
    static void setCondition(ObjectNode status, String type, String value, String reason, String message, Instant now) {
        ArrayNode conds = status.has("conditions") && status.get("conditions").isArray()
                ? (ArrayNode) status.get("conditions")
                : status.putArray("conditions");
        for (JsonNode c : conds) {
            if (type.equals(Json.text(c, "type"))) {
                ObjectNode o = (ObjectNode) c;
                if (!value.equals(Json.text(o, "status"))) o.put("lastTransitionTime", Meta.time(now));
                o.put("status", value);
                if (reason != null) o.put("reason", reason);
                if (message != null) o.put("message", message);
                return;
            }
        }
        ObjectNode c = conds.addObject();
        c.put("type", type);
        c.put("status", value);
        c.putNull("lastProbeTime");
        c.put("lastTransitionTime", Meta.time(now));
        if (reason != null) c.put("reason", reason);
        if (message != null) c.put("message", message);
    }
}
