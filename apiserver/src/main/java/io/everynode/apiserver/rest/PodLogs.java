package io.everynode.apiserver.rest;

import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's half of {@code pods/log}, pure: which container, whether there can be a log,
 * and where the node's agent serves it. Each refusal is worded as upstream words it (the
 * registry's LogLocation and the kubelet's container-status check), so kubectl prints what it
 * prints against a real cluster.
 */
final class PodLogs {
    /** The Node annotation naming the agent's log endpoint ({@code host:port}); the agent module sets it. */
    static final String ENDPOINT_ANNOTATION = "everynode.io/agent-endpoint";
    private static final List<String> FORWARDED = List.of("follow", "previous", "timestamps", "tailLines", "limitBytes",
            "sinceSeconds", "sinceTime");

    private PodLogs() {}

    /** Where to fetch a log: the node, the container, and the agent's URL path with query. */
    record Target(String node, String container, String pathAndQuery) {}

    /** Checks the query's numbers as upstream's PodLogOptions validation does (422 Invalid). */
    static void validate(ApiRequest req, String pod) {
        List<Statuses.Cause> causes = new ArrayList<>();
        checkMin(req, "tailLines", 0, "must be greater than or equal to 0", causes);
        checkMin(req, "limitBytes", 1, "must be greater than 0", causes);
        checkMin(req, "sinceSeconds", 1, "must be greater than 0", causes);
        if (req.param("sinceSeconds") != null && req.param("sinceTime") != null) {
            causes.add(new Statuses.Cause("", "FieldValueForbidden", "at most one of sinceTime or sinceSeconds may be specified"));
        }
        if (!causes.isEmpty()) throw Statuses.invalid("", "PodLogOptions", pod, causes);
    }

    private static void checkMin(ApiRequest req, String name, long min, String message, List<Statuses.Cause> causes) {
        String v = req.param(name);
        if (v == null || v.isEmpty()) return;
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest("invalid value for " + name + ": \"" + v + "\" is not a number");
        }
        if (n < min) causes.add(new Statuses.Cause(name, "FieldValueInvalid", "Invalid value: " + n + ": " + message));
    }

    /**
     * Picks the container (the only one when none is named), checks the pod is on a node and the
     * container has (had) an instance, and answers where its log is.
     */
    static Target target(ObjectNode pod, ApiRequest req) {
        String name = Json.text(pod.path("metadata"), "name");
        String ns = Json.text(pod.path("metadata"), "namespace");
        List<String> containers = names(pod.path("spec").path("containers"));
        String container = req.param("container");
        if (container == null || container.isEmpty()) {
            if (containers.size() == 1) {
                container = containers.get(0);
            } else if (containers.isEmpty()) {
                throw Statuses.badRequest("a container name must be specified for pod " + name);
            } else {
                String msg = "a container name must be specified for pod " + name + ", choose one of: [" + String.join(" ", containers) + "]";
                List<String> init = names(pod.path("spec").path("initContainers"));
                if (!init.isEmpty()) msg += " or one of the init containers: [" + String.join(" ", init) + "]";
                throw Statuses.badRequest(msg);
            }
        } else if (!containers.contains(container) && !names(pod.path("spec").path("initContainers")).contains(container)) {
            throw Statuses.badRequest("container " + container + " is not valid for pod " + name);
        }
        String node = Json.text(pod.path("spec"), "nodeName");
        if (node == null || node.isEmpty()) throw Statuses.badRequest("pod " + name + " does not have a host assigned");
        String refusal = statusRefusal(pod, container, name, req.flag("previous"));
        if (refusal != null) throw Statuses.badRequest(refusal);
        StringBuilder q = new StringBuilder();
        for (String p : FORWARDED) {
            String v = req.param(p);
            if (v == null) continue;
            q.append(q.length() == 0 ? "?" : "&").append(p).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
        return new Target(node, container, "/containerLogs/" + enc(ns) + "/" + enc(name) + "/" + enc(container) + q);
    }

    /**
     * The kubelet's check of the reported container status (validateContainerLogStatus): no
     * previous instance for {@code previous}; nothing ran yet while waiting. Null when a log may
     * exist; the agent has the last word.
     */
    static String statusRefusal(ObjectNode pod, String container, String name, boolean previous) {
        JsonNode cs = null;
        for (String list : List.of("containerStatuses", "initContainerStatuses")) {
            for (JsonNode s : pod.path("status").path(list)) {
                if (container.equals(Json.text(s, "name"))) cs = s;
            }
        }
        String who = "container \"" + container + "\" in pod \"" + name + "\"";
        JsonNode lastTerminated = cs == null ? null : cs.path("lastState").get("terminated");
        if (previous) {
            boolean had = lastTerminated != null && lastTerminated.isObject() && Json.text(lastTerminated, "containerID") != null;
            return had ? null : "previous terminated " + who + " not found";
        }
        if (cs == null) return who + " is waiting to start: ContainerCreating";
        JsonNode state = cs.path("state");
        if (state.has("running") || state.has("terminated") || (lastTerminated != null && lastTerminated.isObject())) return null;
        JsonNode waiting = state.get("waiting");
        String reason = waiting == null ? null : Json.text(waiting, "reason");
        if (reason == null) return who + " is waiting to start - no logs yet";
        return who + " is waiting to start: " + switch (reason) {
            case "ErrImagePull" -> "image can't be pulled";
            case "ImagePullBackOff" -> "trying and failing to pull image";
            default -> reason;
        };
    }

    /**
     * {@code host:port} of the node's agent: its {@value #ENDPOINT_ANNOTATION} annotation when
     * set (agents sharing a host, or living in network namespaces the server cannot reach by the
     * node's address), else its InternalIP and {@code status.daemonEndpoints.kubeletEndpoint.Port}.
     * Null when the node advertises neither.
     */
    static String endpoint(ObjectNode node) {
        String a = Json.text(node.path("metadata").path("annotations"), ENDPOINT_ANNOTATION);
        if (a != null && !a.isBlank()) return a.trim();
        int port = node.path("status").path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        if (port <= 0) return null;
        for (JsonNode addr : node.path("status").path("addresses")) {
            if ("InternalIP".equals(Json.text(addr, "type"))) {
                String ip = Json.text(addr, "address");
                return ip.contains(":") ? "[" + ip + "]:" + port : ip + ":" + port;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode containers) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : containers) {
            String n = Json.text(c, "name");
            if (n != null) out.add(n);
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
