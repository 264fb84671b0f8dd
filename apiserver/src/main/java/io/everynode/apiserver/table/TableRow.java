package io.everynode.apiserver.table;

import java.util.List;

/**
 * The cells of one Table row, in column order. Cells are {@link String}, {@link Long} or
 * {@link Boolean}, matching the JSON types upstream emits (Go int64 becomes Long).
 */
public record TableRow(List<Object> cells) {
    public TableRow {
        cells = List.copyOf(cells);
    }
}
