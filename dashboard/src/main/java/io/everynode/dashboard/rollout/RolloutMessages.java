package io.everynode.dashboard.rollout;

import io.everynode.api.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code rollout} member of a fleet stream line: one {@link RolloutSeries.Step}. Times are
 * epoch milliseconds; {@code maxUnavailable} and {@code maxSurge} are -1 where no budget applies.
 */
public final class RolloutMessages {
    private RolloutMessages() {}

    public static ObjectNode of(RolloutSeries.Step step) {
        RolloutFacts f = step.facts();
        ObjectNode r = Json.object();
        r.put("revision", f.revision());
        r.put("reset", step.reset());
        r.put("generation", f.generation());
        r.put("observedGeneration", f.observedGeneration());
        r.put("desired", f.desired());
        r.put("maxUnavailable", f.maxUnavailable());
        r.put("maxSurge", f.maxSurge());
        r.put("partition", f.partition());
        r.put("partitionCap", f.partitionCap());
        r.put("paused", f.paused());
        if (f.stage() == null) {
            r.putNull("stage");
        } else {
            ObjectNode s = r.putObject("stage");
            s.put("phase", f.stage().phase());
            if (f.stage().name() == null) s.putNull("name");
            else s.put("name", f.stage().name());
            s.put("index", f.stage().index());
            s.put("count", f.stage().count());
            s.put("label", f.stage().label());
        }
        ArrayNode points = r.putArray("points");
        for (RolloutSeries.Point p : step.points()) {
            ObjectNode o = points.addObject();
            o.put("at", p.at().toEpochMilli());
            o.put("updated", p.updated());
            o.put("available", p.available());
            o.put("unavailable", p.unavailable());
        }
        ArrayNode markers = r.putArray("markers");
        for (RolloutSeries.Marker m : step.markers()) {
            ObjectNode o = markers.addObject();
            o.put("at", m.at().toEpochMilli());
            o.put("kind", m.kind());
            o.put("label", m.label());
        }
        return r;
    }
}
