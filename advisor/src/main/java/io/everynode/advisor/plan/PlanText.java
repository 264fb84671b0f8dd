package io.everynode.advisor.plan;

import io.everynode.advisor.why.Answer;
import io.everynode.api.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Prints a {@link Plan}: text for people (groups with the first {@value Planner#NAMES_SHOWN} node
 * names, a pool table, the estimate and its basis), or JSON, schema {@value #SCHEMA}, with every
 * node (docs/plan.md). Within v1 fields may be added, none renamed or removed.
 */
public final class PlanText {
    public static final String SCHEMA = "everynode.io/plan/v1";

    private PlanText() {}

    public static String text(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("Plan for daemonset ")
                .append(plan.daemonSet())
                .append(": ")
                .append(plan.update() ? "update of the existing DaemonSet" : "first create")
                .append('\n');
        b.append("\nNodes (").append(plan.answers().size()).append("):\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERDICT", "REASON", "NODES", "EXAMPLES", "MESSAGE"});
        for (Plan.Group g : plan.groups()) {
            rows.add(new String[] {
                g.verdict(), g.reason(), Integer.toString(g.nodes().size()), names(g.nodes()), g.message()
            });
        }
        table(b, rows);
        if (!plan.held().isEmpty()) {
            int count = plan.held().stream().mapToInt(h -> h.nodes().size()).sum();
            b.append("\nHeld on the old revision (").append(count).append("):\n");
            rows = new ArrayList<>();
            rows.add(new String[] {"REASON", "NODES", "EXAMPLES", "MESSAGE"});
            for (Plan.Held h : plan.held()) {
                rows.add(new String[] {h.reason(), Integer.toString(h.nodes().size()), names(h.nodes()), h.message()});
            }
            table(b, rows);
        }
        b.append("\nPools by ")
                .append(plan.poolLabel() == null ? "(no pool label on any node: one pool)" : plan.poolLabel())
                .append(":\n");
        rows = new ArrayList<>();
        rows.add(new String[] {
            "POOL", "NODES", "PODS", "CPU REQ", "CPU HEADROOM", "MEMORY REQ", "MEMORY HEADROOM", "CANNOT FIT"
        });
        for (Plan.Pool p : plan.pools()) {
            rows.add(new String[] {
                p.name(),
                Integer.toString(p.nodes()),
                Integer.toString(p.podNodes()),
                cpu(p.requests().cpuMillis()),
                cpu(p.headroom().cpuMillis()),
                memory(p.requests().memoryBytes()),
                memory(p.headroom().memoryBytes()),
                p.cannotFit().isEmpty() ? "-" : names(p.cannotFit())
            });
        }
        table(b, rows);
        b.append('\n').append(estimate(plan.estimate())).append('\n');
        return b.toString();
    }

    static String estimate(Plan.Estimate e) {
        String basis = "per wave " + duration(e.perWave()) + ": pod start "
                + duration(e.basis().perPod())
                + (e.basis().samples() == 0
                        ? " (" + e.basis().source() + ")"
                        : " (mean creation to Ready, " + e.basis().samples()
                                + (e.basis().samples() == 1 ? " sample: " : " samples: ")
                                + e.basis().source() + ")")
                + " + minReadySeconds " + e.minReadySeconds()
                + (e.lastSlot() == null || e.nodes() <= e.maxUnavailable() + e.maxSurge()
                        ? ""
                        : "\n  after the first wave, one pod every " + duration(e.lastSlot()) + " ÷ "
                                + (e.maxUnavailable() + e.maxSurge())
                                + ": one replacement of the last rollout took " + duration(e.lastSlot())
                                + " (its pods' creation pace), that many at a time");
        return switch (e.kind()) {
            case "on-delete" -> "Rollout: none: updateStrategy OnDelete, pods are replaced only when deleted";
            case "create" ->
                "Rollout: first create on " + e.nodes() + " nodes, " + e.waves() + " wave: about " + duration(e.total())
                        + "\n  " + basis;
            default -> update(e, basis);
        };
    }

    /** An update: the head line, the pause, each stage, the held nodes, then the basis. */
    private static String update(Plan.Estimate e, String basis) {
        StringBuilder b = new StringBuilder("Rollout: update of ")
                .append(e.nodes())
                .append(" nodes, maxUnavailable ")
                .append(e.maxUnavailable())
                .append(", maxSurge ")
                .append(e.maxSurge())
                .append(": ");
        if (!e.stages().isEmpty()) {
            b.append(e.stages().size()).append(e.stages().size() == 1 ? " stage, " : " stages, ");
        }
        b.append(e.waves())
                .append(e.waves() == 1 ? " wave" : " waves")
                .append(", about ")
                .append(duration(e.total()));
        if (e.paused() != null) {
            b.append("\n  paused: ")
                    .append(e.paused())
                    .append(": no pod is replaced until it is resumed; the times count from the resume");
        }
        for (int i = 0; i < e.stages().size(); i++) {
            Plan.StageEstimate s = e.stages().get(i);
            b.append("\n  stage \"")
                    .append(s.name())
                    .append("\" (")
                    .append(i + 1)
                    .append(" of ")
                    .append(e.stages().size())
                    .append("): ")
                    .append(s.nodes())
                    .append(s.nodes() == 1 ? " node, " : " nodes, ")
                    .append(s.waves())
                    .append(s.waves() == 1 ? " wave" : " waves")
                    .append(", about ")
                    .append(duration(s.time()));
            if (s.soakSeconds() > 0)
                b.append(", then soak ").append(s.soakSeconds()).append('s');
            if (!s.completes()) b.append("; never completes: a node of it stays held, the rollout stops here");
        }
        if (e.held() > 0) {
            b.append("\n  held: ")
                    .append(e.held())
                    .append(e.held() == 1 ? " node keeps" : " nodes keep")
                    .append(" the old revision (listed above); the rollout stops there");
        }
        return b.append("\n  ").append(basis).toString();
    }

    public static String json(Plan plan) {
        ObjectNode root = Json.object();
        root.put("schema", SCHEMA);
        root.put("daemonSet", plan.daemonSet());
        root.put("update", plan.update());
        Map<String, String> heldReason = new HashMap<>();
        plan.held().forEach(h -> h.nodes().forEach(n -> heldReason.put(n, h.reason())));
        ArrayNode nodes = root.putArray("nodes");
        for (Answer a : plan.answers()) {
            ObjectNode o = nodes.addObject();
            o.put("node", a.node());
            o.put("verdict", Planner.verdict(a));
            o.put("reason", Planner.reason(a));
            o.put("message", a.message());
            o.put("held", heldReason.get(a.node()));
            ArrayNode d = o.putArray("details");
            a.details().forEach(d::add);
        }
        ArrayNode groups = root.putArray("groups");
        for (Plan.Group g : plan.groups()) {
            ObjectNode o = groups.addObject();
            o.put("verdict", g.verdict());
            o.put("reason", g.reason());
            o.put("count", g.nodes().size());
            o.put("message", g.message());
            ArrayNode n = o.putArray("nodes");
            g.nodes().forEach(n::add);
        }
        ArrayNode heldGroups = root.putArray("held");
        for (Plan.Held h : plan.held()) {
            ObjectNode o = heldGroups.addObject();
            o.put("reason", h.reason());
            o.put("count", h.nodes().size());
            o.put("message", h.message());
            ArrayNode n = o.putArray("nodes");
            h.nodes().forEach(n::add);
        }
        root.put("poolLabel", plan.poolLabel());
        ArrayNode pools = root.putArray("pools");
        for (Plan.Pool p : plan.pools()) {
            ObjectNode o = pools.addObject();
            o.put("pool", p.name());
            o.put("nodes", p.nodes());
            o.put("podNodes", p.podNodes());
            amount(o.putObject("requests"), p.requests());
            amount(o.putObject("allocatable"), p.allocatable());
            amount(o.putObject("used"), p.used());
            amount(o.putObject("headroom"), p.headroom());
            ArrayNode c = o.putArray("cannotFit");
            p.cannotFit().forEach(c::add);
        }
        Plan.Estimate e = plan.estimate();
        ObjectNode o = root.putObject("estimate");
        o.put("kind", e.kind());
        o.put("nodes", e.nodes());
        o.put("maxUnavailable", e.maxUnavailable());
        o.put("maxSurge", e.maxSurge());
        o.put("waves", e.waves());
        o.put("perWaveSeconds", e.perWave().toMillis() / 1000.0);
        o.put("totalSeconds", e.total().toMillis() / 1000.0);
        o.put("podStartSeconds", e.basis().perPod().toMillis() / 1000.0);
        o.put(
                "lastRolloutSlotSeconds",
                e.lastSlot() == null ? null : e.lastSlot().toMillis() / 1000.0);
        o.put("samples", e.basis().samples());
        o.put("basis", e.basis().source());
        o.put("minReadySeconds", e.minReadySeconds());
        o.put("heldNodes", e.held());
        o.put("stopsAtStage", e.stopsAt());
        o.put("paused", e.paused());
        ArrayNode stages = o.putArray("stages");
        for (Plan.StageEstimate st : e.stages()) {
            ObjectNode so = stages.addObject();
            so.put("name", st.name());
            so.put("nodes", st.nodes());
            so.put("waves", st.waves());
            so.put("seconds", st.time().toMillis() / 1000.0);
            so.put("soakSeconds", st.soakSeconds());
            so.put("completes", st.completes());
        }
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void amount(ObjectNode o, Plan.Amount a) {
        o.put("cpu", cpu(a.cpuMillis()));
        o.put("memory", memory(a.memoryBytes()));
    }

    private static String names(List<String> nodes) {
        if (nodes.size() <= Planner.NAMES_SHOWN) return String.join(", ", nodes);
        return String.join(", ", nodes.subList(0, Planner.NAMES_SHOWN)) + " and " + (nodes.size() - Planner.NAMES_SHOWN)
                + " more";
    }

    /** kubectl's quantity style: 2, 1500m; negative when short. */
    static String cpu(long millis) {
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /** Gi or Mi when whole, else bytes (Ki-rounded down to Mi is not done: amounts stay exact). */
    static String memory(long bytes) {
        long mi = 1024L * 1024L;
        long gi = 1024L * mi;
        if (bytes != 0 && bytes % gi == 0) return bytes / gi + "Gi";
        if (bytes != 0 && bytes % mi == 0) return bytes / mi + "Mi";
        if (bytes != 0 && bytes % 1024 == 0) return bytes / 1024 + "Ki";
        return Long.toString(bytes);
    }

    /** 45s, 3m20s, 1h5m0s, with tenths under a minute. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) {
            long tenths = Math.round(ms / 100.0);
            return tenths % 10 == 0 ? tenths / 10 + "s" : tenths / 10 + "." + tenths % 10 + "s";
        }
        long s = Math.round(ms / 1000.0);
        if (s < 3600) return s / 60 + "m" + s % 60 + "s";
        return s / 3600 + "h" + (s % 3600) / 60 + "m" + s % 60 + "s";
    }

    private static void table(StringBuilder b, List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows)
            for (int i = 0; i < cols; i++)
                w[i] = Math.max(w[i], String.valueOf(r[i]).length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String cell = String.valueOf(r[i]);
                line.append(cell);
                if (i < cols - 1) line.append(" ".repeat(w[i] - cell.length() + 3));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
