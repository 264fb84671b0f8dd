package io.everynode.dashboard.fleet;

import io.everynode.api.json.Json;
import io.everynode.dashboard.rollout.RolloutMessages;
import io.everynode.dashboard.rollout.RolloutSeries;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.Collection;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The lines of the fleet stream (newline-delimited JSON), each one object with a {@code type}:
 * {@code snapshot} (the legend, the DaemonSet's counts, the rollout chart's first point and every
 * cell), {@code cells} (the cells that changed and the nodes that went, one batch, with the
 * chart's news: {@link RolloutMessages}), {@code gone} (the DaemonSet was deleted) and
 * {@code ping} (nothing changed; keeps a quiet stream open and tells a closed one).
 */
public final class FleetMessages {
    private FleetMessages() {}

    public static String snapshot(DaemonSet ds, List<Cell> cells, RolloutSeries.Step rollout) {
        ObjectNode m = Json.object();
        m.put("type", "snapshot");
        ArrayNode legend = m.putArray("legend");
        for (CellState s : CellState.values()) {
            ObjectNode l = legend.addObject();
            l.put("code", s.code());
            l.put("label", s.label());
            l.put("colour", s.colour());
        }
        m.set("daemonSet", summary(ds));
        m.set("rollout", RolloutMessages.of(rollout));
        cells(m.putArray("cells"), cells);
        return Json.string(m);
    }

    public static String changes(
            DaemonSet ds, List<Cell> changed, Collection<String> removed, RolloutSeries.Step rollout) {
        ObjectNode m = Json.object();
        m.put("type", "cells");
        m.set("daemonSet", summary(ds));
        m.set("rollout", RolloutMessages.of(rollout));
        cells(m.putArray("cells"), changed);
        ArrayNode r = m.putArray("removed");
        removed.forEach(r::add);
        return Json.string(m);
    }

    public static String gone(String namespace, String name) {
        ObjectNode m = Json.object();
        m.put("type", "gone");
        m.put("message", "DaemonSet " + namespace + "/" + name + " was deleted");
        return Json.string(m);
    }

    public static String ping() {
        return "{\"type\":\"ping\"}";
    }

    private static void cells(ArrayNode out, List<Cell> cells) {
        for (Cell c : cells) {
            ObjectNode n = out.addObject();
            n.put("node", c.node());
            if (c.pod() == null) n.putNull("pod");
            else n.put("pod", c.pod());
            n.put("state", c.state().code());
            ObjectNode labels = n.putObject("labels");
            c.labels().entrySet().stream()
                    .sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> labels.put(e.getKey(), e.getValue()));
        }
    }

    /** The DaemonSet's name, generation and status counts, as kubectl get ds prints them. */
    private static ObjectNode summary(DaemonSet ds) {
        ObjectNode s = Json.object();
        s.put("namespace", ds.getMetadata().getNamespace());
        s.put("name", ds.getMetadata().getName());
        s.put(
                "generation",
                ds.getMetadata().getGeneration() == null ? 0 : ds.getMetadata().getGeneration());
        DaemonSetStatus st = ds.getStatus();
        s.put("desired", st == null || st.getDesiredNumberScheduled() == null ? 0 : st.getDesiredNumberScheduled());
        s.put("updated", st == null || st.getUpdatedNumberScheduled() == null ? 0 : st.getUpdatedNumberScheduled());
        s.put("ready", st == null || st.getNumberReady() == null ? 0 : st.getNumberReady());
        s.put("available", st == null || st.getNumberAvailable() == null ? 0 : st.getNumberAvailable());
        return s;
    }
}
