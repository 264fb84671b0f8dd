package io.everynode.dashboard.fleet;

import java.util.Map;
import java.util.Objects;

/**
 * One node's cell of a DaemonSet's grid.
 *
 * @param node the node's name
 * @param pod the daemon pod the state is about, or null when the node has none
 * @param state what the cell shows
 * @param labels the node's labels, for grouping and filtering by zone or pool
 */
public record Cell(String node, String pod, CellState state, Map<String, String> labels) {
    public Cell {
        Objects.requireNonNull(node);
        Objects.requireNonNull(state);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
