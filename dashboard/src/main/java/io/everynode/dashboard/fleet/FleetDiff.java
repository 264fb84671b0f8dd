package io.everynode.dashboard.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between the grid the browser has and the one just computed, so a batch carries
 * only the cells that differ (a rollout step on 5000 nodes sends tens of cells, not 5000). Not
 * thread-safe: one fleet stream's flushes run one at a time.
 */
public final class FleetDiff {
    private Map<String, Cell> sent = new HashMap<>();

    /** The changes from the last grid to {@code now}; {@code now} becomes the last. */
    public Changes next(List<Cell> now) {
        Map<String, Cell> next = new HashMap<>();
        List<Cell> changed = new ArrayList<>();
        for (Cell c : now) {
            next.put(c.node(), c);
            if (!c.equals(sent.get(c.node()))) changed.add(c);
        }
        Set<String> removed = new TreeSet<>(sent.keySet());
        removed.removeAll(next.keySet());
        sent = next;
        return new Changes(changed, List.copyOf(removed));
    }

    /** Cells new or different, and the names of nodes no longer there. */
    public record Changes(List<Cell> changed, List<String> removed) {
        public boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }
}
