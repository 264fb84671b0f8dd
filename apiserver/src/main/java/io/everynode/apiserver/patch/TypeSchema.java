package io.everynode.apiserver.patch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The strategic-merge knowledge of one Kubernetes object type: its fields that are typed maps,
 * keyed lists, sets or explicitly atomic lists. Immutable once built. Only the fields that
 * change how a patch merges need an entry; everything else is {@link FieldSchema#PLAIN}.
 */
final class TypeSchema {

    /** A type about which nothing is known: JSON merge patch semantics with atomic lists. */
    static final TypeSchema OPAQUE = new TypeSchema(Map.of());

    private final Map<String, FieldSchema> fields;

    private TypeSchema(Map<String, FieldSchema> fields) {
        this.fields = Map.copyOf(fields);
    }

    FieldSchema field(String name) {
        return fields.getOrDefault(name, FieldSchema.PLAIN);
    }

    /** Whether this type has an entry for {@code name} (an explicitly atomic list included). */
    boolean declares(String name) {
        return fields.containsKey(name);
    }

    static Builder type() {
        return new Builder();
    }

    /** Declares fields in the table style of {@link KindSchemas}. */
    static final class Builder {
        private final Map<String, FieldSchema> fields = new LinkedHashMap<>();

        /** A nested map field with its own schema. */
        Builder map(String name, TypeSchema type) {
            return put(name, new FieldSchema(ListStrategy.ATOMIC, null, type));
        }

        /** A list of maps merged by {@code mergeKey}; elements have no further schema. */
        Builder keyed(String name, String mergeKey) {
            return keyed(name, mergeKey, OPAQUE);
        }

        /** A list of maps merged by {@code mergeKey}, each element described by {@code element}. */
        Builder keyed(String name, String mergeKey, TypeSchema element) {
            return put(name, new FieldSchema(ListStrategy.MERGE_BY_KEY, mergeKey, element));
        }

        /** A list of primitives merged as a set. */
        Builder set(String name) {
            return put(name, new FieldSchema(ListStrategy.MERGE_SET, null, OPAQUE));
        }

        /**
         * A list replaced wholesale. The default for undeclared fields too; declaring it documents
         * a list kubectl relies on being atomic (tolerations, taints).
         */
        Builder atomic(String name) {
            return put(name, FieldSchema.PLAIN);
        }

        private Builder put(String name, FieldSchema field) {
            if (fields.putIfAbsent(name, field) != null) {
                throw new IllegalArgumentException("field declared twice: " + name);
            }
            return this;
        }

        TypeSchema build() {
            return new TypeSchema(fields);
        }
    }
}
