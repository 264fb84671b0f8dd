package io.everynode.apiserver.patch;

import java.util.Objects;

/**
 * What a strategic merge patch knows about one field: for a list, its strategy and merge key;
 * for a map (or a list of maps), the schema of the map. Fields without an entry are plain:
 * maps merge with no list knowledge below them, lists are atomic.
 */
record FieldSchema(ListStrategy strategy, String mergeKey, TypeSchema type) {

    static final FieldSchema PLAIN = new FieldSchema(ListStrategy.ATOMIC, null, TypeSchema.OPAQUE);

    FieldSchema {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(type, "type");
        if ((strategy == ListStrategy.MERGE_BY_KEY) != (mergeKey != null)) {
            throw new IllegalArgumentException("a merge key goes with MERGE_BY_KEY and only with it");
        }
    }
}
