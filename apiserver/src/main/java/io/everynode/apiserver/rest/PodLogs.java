package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.errors.Statuses;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's half of {@code pods/log}, pure: which container, whether there can be a log,
 * and the URL of the log at the node's agent. Each refusal is worded as upstream words it (the
 * registry's LogLocation and the kubelet's container-status check), so kubectl prints what it
 * prints against a real cluster.
 *
 * <p>The URL is built from parsed parts only: scheme http, the agent's IP literal and port
 * ({@link NodeLogAddress}), the path {@code /containerLogs/{namespace}/{pod}/{container}} with
 * each segment percent-encoded, and a query of the forwarded parameters alone, each value
 * encoded. Nothing a client wrote into a Node's metadata takes part.
 */
final class PodLogs {
    /** The query parameters passed on to the agent; any other is dropped. */
    static final List<String> FORWARDED =
            List.of("follow", "previous", "timestamps", "tailLines", "limitBytes", "sinceSeconds", "sinceTime");

    private PodLogs() {}

    /** Whose log: the node, the pod's namespace and name, the container, and the forwarded parameters in order. */
    record Target(String node, String namespace, String pod, String container, Map<String, String> query) {}

    /** Checks the query's numbers as upstream's PodLogOptions validation does (422 Invalid). */
    static void validate(ApiRequest req, String pod) {
        List<Statuses.Cause> causes = new ArrayList<>();
        checkMin(req, "tailLines", 0, "must be greater than or equal to 0", causes);
        checkMin(req, "limitBytes", 1, "must be greater than 0", causes);
        checkMin(req, "sinceSeconds", 1, "must be greater than 0", causes);
        if (req.param("sinceSeconds") != null && req.param("sinceTime") != null) {
            causes.add(new Statuses.Cause(
                    "", "FieldValueForbidden", "at most one of sinceTime or sinceSeconds may be specified"));
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
                String msg = "a container name must be specified for pod " + name + ", choose one of: ["
                        + String.join(" ", containers) + "]";
                List<String> init = names(pod.path("spec").path("initContainers"));
                if (!init.isEmpty()) msg += " or one of the init containers: [" + String.join(" ", init) + "]";
                throw Statuses.badRequest(msg);
            }
        } else if (!containers.contains(container)
                && !names(pod.path("spec").path("initContainers")).contains(container)) {
            throw Statuses.badRequest("container " + container + " is not valid for pod " + name);
        }
        String node = Json.text(pod.path("spec"), "nodeName");
        if (node == null || node.isEmpty()) throw Statuses.badRequest("pod " + name + " does not have a host assigned");
        String refusal = statusRefusal(pod, container, name, req.flag("previous"));
        if (refusal != null) throw Statuses.badRequest(refusal);
        Map<String, String> query = new LinkedHashMap<>();
        for (String p : FORWARDED) {
            String v = req.param(p);
            if (v != null) query.put(p, v);
        }
        return new Target(node, ns, name, container, query);
    }

    /**
     * The agent's URL of {@code target}'s log at {@code agent}: every part encoded here, and the
     * result checked to have exactly that host, port and path, so no value can add a part.
     */
    static URI url(NodeLogAddress.Endpoint agent, Target target) {
        return url(agent, target, "http");
    }

    /** As {@link #url(NodeLogAddress.Endpoint, Target)}, with {@code scheme} (http or https). */
    static URI url(NodeLogAddress.Endpoint agent, Target target, String scheme) {
        String path =
                "/containerLogs/" + enc(target.namespace()) + "/" + enc(target.pod()) + "/" + enc(target.container());
        StringBuilder q = new StringBuilder();
        target.query()
                .forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&")
                        .append(k)
                        .append('=')
                        .append(enc(v)));
        URI uri = URI.create(scheme + "://" + agent.host() + ":" + agent.port() + path + q);
        if (!path.equals(uri.getRawPath())
                || uri.getPort() != agent.port()
                || !agent.host().equals(uri.getHost())) {
            throw new IllegalStateException("the log URL " + uri + " does not have the parts it was built from");
        }
        return uri;
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
            boolean had = lastTerminated != null
                    && lastTerminated.isObject()
                    && Json.text(lastTerminated, "containerID") != null;
            return had ? null : "previous terminated " + who + " not found";
        }
        if (cs == null) return who + " is waiting to start: ContainerCreating";
        JsonNode state = cs.path("state");
        if (state.has("running") || state.has("terminated") || (lastTerminated != null && lastTerminated.isObject()))
            return null;
        JsonNode waiting = state.get("waiting");
        String reason = waiting == null ? null : Json.text(waiting, "reason");
        if (reason == null) return who + " is waiting to start - no logs yet";
        return who + " is waiting to start: "
                + switch (reason) {
                    case "ErrImagePull" -> "image can't be pulled";
                    case "ImagePullBackOff" -> "trying and failing to pull image";
                    default -> reason;
                };
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
