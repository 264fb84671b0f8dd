package io.everynode.dashboard.cluster;

import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.Event;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lines of the cluster stream (newline-delimited JSON), each one object with a {@code type}:
 * {@code snapshot} (every node row, the latest events, and what the caller may not see),
 * {@code nodes} (the rows that changed and the nodes that went), {@code events} (the latest
 * matching events, whole: at most {@link EventFilter#LATEST}) and {@code ping}.
 */
public final class ClusterMessages {
    private ClusterMessages() {}

    /** @param notAllowed per part ("pods", "events") the API's refusal, for parts the caller may not list */
    public static String snapshot(List<NodeRow> rows, List<Event> events, Map<String, String> notAllowed) {
        ObjectNode m = Json.object();
        m.put("type", "snapshot");
        ArrayNode conditions = m.putArray("conditions");
        NodeRows.CONDITIONS.forEach(conditions::add);
        rows(m.putArray("nodes"), rows);
        events(m.putArray("events"), events);
        ObjectNode refused = m.putObject("notAllowed");
        notAllowed.forEach(refused::put);
        return Json.string(m);
    }

    public static String nodes(List<NodeRow> changed, Collection<String> removed) {
        ObjectNode m = Json.object();
        m.put("type", "nodes");
        rows(m.putArray("nodes"), changed);
        ArrayNode r = m.putArray("removed");
        removed.forEach(r::add);
        return Json.string(m);
    }

    public static String events(List<Event> events) {
        ObjectNode m = Json.object();
        m.put("type", "events");
        events(m.putArray("events"), events);
        return Json.string(m);
    }

    public static String ping() {
        return "{\"type\":\"ping\"}";
    }

    private static void rows(ArrayNode out, List<NodeRow> rows) {
        for (NodeRow r : rows) {
            ObjectNode n = out.addObject();
            n.put("name", r.name());
            n.put("ready", r.ready());
            ObjectNode c = n.putObject("conditions");
            r.conditions().forEach(c::put);
            ArrayNode problems = n.putArray("problems");
            r.problems().forEach(problems::add);
            ArrayNode taints = n.putArray("taints");
            r.taints().forEach(taints::add);
            n.put("unschedulable", r.unschedulable());
            usage(n.putObject("cpu"), r.cpu());
            usage(n.putObject("memory"), r.memory());
            usage(n.putObject("pods"), r.pods());
        }
    }

    private static void usage(ObjectNode out, NodeRow.Usage u) {
        out.put("capacity", u.capacity());
        out.put("allocatable", u.allocatable());
        out.put("requested", u.requested());
        out.put("percent", u.percent());
        out.put("level", u.level());
    }

    private static void events(ArrayNode out, List<Event> events) {
        for (Event e : events) {
            ObjectNode n = out.addObject();
            n.put("uid", e.getMetadata().getUid());
            n.put("namespace", e.getMetadata().getNamespace());
            var o = e.getInvolvedObject();
            n.put("kind", o == null ? "" : o.getKind());
            n.put("objectNamespace", o == null || o.getNamespace() == null ? "" : o.getNamespace());
            n.put("name", o == null ? "" : o.getName());
            n.put("type", e.getType() == null ? "" : e.getType());
            n.put("reason", e.getReason() == null ? "" : e.getReason());
            n.put("message", e.getMessage() == null ? "" : e.getMessage());
            n.put("count", e.getCount() == null ? 1 : e.getCount());
            n.put("last", EventFilter.lastSeen(e).toString());
        }
    }
}
