package io.everynode.api.metrics;

import io.everynode.api.json.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one node reads at one moment: its own usage and its running containers'. The wire form is
 * JSON of kind {@code NodeUsageReport} ({@link #KIND}, apiVersion {@link #API_VERSION}): node,
 * timestamp (RFC 3339 with nanoseconds), {@code cpuNanos}, {@code memoryWorkingSetBytes} and
 * {@code pods[]} of {@code namespace}, {@code name} and {@code containers[]} of {@code name},
 * {@code startTime}, {@code cpuNanos}, {@code memoryWorkingSetBytes}.
 *
 * @param node the reporting node's name
 * @param timestamp when the reading was taken, on the agent's clock
 * @param usage the node's own usage
 */
public record UsageReport(String node, Instant timestamp, Usage usage, List<PodUsage> pods) {
    public static final String KIND = "NodeUsageReport";
    public static final String API_VERSION = "everynode.io/v1alpha1";

    public UsageReport {
        pods = List.copyOf(pods);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("apiVersion", API_VERSION);
        o.put("kind", KIND);
        o.put("node", node);
        o.put("timestamp", timestamp.toString());
        usage(o, usage);
        ArrayNode ps = o.putArray("pods");
        for (PodUsage p : pods) {
            ObjectNode po = ps.addObject();
            po.put("namespace", p.namespace());
            po.put("name", p.name());
            ArrayNode cs = po.putArray("containers");
            for (PodUsage.Container c : p.containers()) {
                ObjectNode co = cs.addObject();
                co.put("name", c.name());
                co.put("startTime", c.startTime().toString());
                usage(co, c.usage());
            }
        }
        return o;
    }

    /**
     * Reads a report.
     *
     * @throws IllegalArgumentException naming the field at fault (its JSON path) when the report is
     *     not of this kind, or a field is missing or malformed
     */
    public static UsageReport fromJson(JsonNode o) {
        if (!KIND.equals(o.path("kind").asString(""))
                || !API_VERSION.equals(o.path("apiVersion").asString(""))) {
            throw new IllegalArgumentException("kind: a usage report is kind " + KIND + ", apiVersion " + API_VERSION);
        }
        String node = text(o, "node", "node");
        Instant at = instant(o, "timestamp", "timestamp");
        Usage usage = usage(o, "");
        List<PodUsage> pods = new ArrayList<>();
        JsonNode ps = o.path("pods");
        for (int i = 0; i < ps.size(); i++) {
            JsonNode p = ps.get(i);
            String path = "pods[" + i + "]";
            List<PodUsage.Container> cs = new ArrayList<>();
            JsonNode containers = p.path("containers");
            for (int j = 0; j < containers.size(); j++) {
                JsonNode c = containers.get(j);
                String cp = path + ".containers[" + j + "]";
                cs.add(new PodUsage.Container(
                        text(c, "name", cp + ".name"), instant(c, "startTime", cp + ".startTime"), usage(c, cp + ".")));
            }
            pods.add(new PodUsage(text(p, "namespace", path + ".namespace"), text(p, "name", path + ".name"), cs));
        }
        return new UsageReport(node, at, usage, pods);
    }

    private static void usage(ObjectNode o, Usage u) {
        o.put("cpuNanos", u.cpuNanos());
        o.put("memoryWorkingSetBytes", u.workingSetBytes());
    }

    private static Usage usage(JsonNode o, String prefix) {
        return new Usage(
                number(o, "cpuNanos", prefix + "cpuNanos"),
                number(o, "memoryWorkingSetBytes", prefix + "memoryWorkingSetBytes"));
    }

    private static String text(JsonNode o, String field, String path) {
        JsonNode v = o.path(field);
        if (!v.isString() || v.asString().isEmpty()) throw new IllegalArgumentException(path + ": Required value");
        return v.asString();
    }

    private static long number(JsonNode o, String field, String path) {
        JsonNode v = o.path(field);
        if (!v.isIntegralNumber() || v.asLong() < 0)
            throw new IllegalArgumentException(path + ": must be a non-negative integer");
        return v.asLong();
    }

    private static Instant instant(JsonNode o, String field, String path) {
        String s = text(o, field, path);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": not an RFC 3339 time: " + s);
        }
    }
}
