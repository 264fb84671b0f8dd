package io.everynode.apiserver.table;

import java.time.Instant;
import java.util.List;

/**
 * Server-side printer for one resource: the Table columns and, for one object, its cells.
 *
 * <p>Contract: {@code cells(o, now).size() == columns().size()} always. Like kube-apiserver,
 * which prints with {@code Wide: true}, the priority-1 cells are always present; kubectl hides
 * them unless {@code -o wide}. Ages are measured against {@code now}, never the wall clock.
 */
public interface RowPrinter<T> {
    List<TableColumn> columns();

    List<Object> cells(T object, Instant now);

    /** The object type this printer accepts, so callers holding a {@code RowPrinter<?>} can check. */
    Class<T> objectType();

    /** Convenience: {@link #cells} as a {@link TableRow}. */
    default TableRow row(T object, Instant now) {
        return new TableRow(cells(object, now));
    }

    /**
     * Cells for an object of unknown static type.
     *
     * @throws IllegalArgumentException when {@code object} is not an {@link #objectType()}
     */
    default List<Object> cellsOf(Object object, Instant now) {
        if (!objectType().isInstance(object)) {
            throw new IllegalArgumentException("printer for " + objectType().getSimpleName() + " cannot print "
                    + (object == null ? "null" : object.getClass().getSimpleName()));
        }
        return cells(objectType().cast(object), now);
    }
}
