package io.everynode.advisor.why;

import io.everynode.api.json.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** How answers print: a NODE/VERDICT/REASON table, one node in detail, or JSON for scripts. */
public final class AnswerText {
    private AnswerText() {}

    /** One line per node, columns aligned as kubectl aligns them (three spaces between). */
    public static String table(List<Answer> answers) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NODE", "VERDICT", "REASON"});
        for (Answer a : answers) {
            rows.add(new String[] {a.node(), a.verdict().word(), a.reason().code() + ": " + a.message()});
        }
        int w0 = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        int w1 = rows.stream().mapToInt(r -> r[1].length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            out.append(pad(r[0], w0 + 3)).append(pad(r[1], w1 + 3)).append(r[2]).append('\n');
        }
        return out.toString();
    }

    /** The multi-line answer for one node. */
    public static String detail(String daemonSet, Answer a) {
        StringBuilder out = new StringBuilder();
        out.append("DaemonSet: ").append(daemonSet).append('\n');
        out.append("Node:      ").append(a.node()).append('\n');
        out.append("Verdict:   ").append(a.verdict().word()).append('\n');
        out.append("Reason:    ").append(a.reason().code()).append('\n');
        out.append("Message:   ").append(a.message()).append('\n');
        out.append("Pod:       ").append(a.pod() == null ? "<none>" : a.pod()).append('\n');
        if (!a.details().isEmpty()) {
            out.append("Details:\n");
            a.details().forEach(d -> out.append("  ").append(d).append('\n'));
        }
        return out.toString();
    }

    /** {@code {"daemonSet": "ns/name", "nodes": [{node, verdict, reason, message, pod, details}]}}. */
    public static String json(String daemonSet, List<Answer> answers) {
        ObjectNode root = Json.object();
        root.put("daemonSet", daemonSet);
        ArrayNode nodes = root.putArray("nodes");
        for (Answer a : answers) {
            ObjectNode n = nodes.addObject();
            n.put("node", a.node());
            n.put("verdict", a.verdict().word());
            n.put("reason", a.reason().code());
            n.put("message", a.message());
            if (a.pod() == null) n.putNull("pod");
            else n.put("pod", a.pod());
            ArrayNode d = n.putArray("details");
            a.details().forEach(d::add);
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
