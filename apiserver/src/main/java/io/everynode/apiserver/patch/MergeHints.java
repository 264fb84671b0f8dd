package io.everynode.apiserver.patch;

import java.util.Optional;

/**
 * A read-only view of the strategic-merge table ({@link KindSchemas}) for code outside this
 * package that must publish the same knowledge, such as the OpenAPI schemas kubectl computes its
 * patches from: what the server merges by key, kubectl must diff by the same key.
 */
public final class MergeHints {

    /** How a list field merges: by a key, as a set of primitives, or replaced whole. */
    public enum ListType {
        MAP,
        SET,
        ATOMIC
    }

    /** A declared list field: its type and, for {@link ListType#MAP}, the merge key. */
    public record ListHint(ListType type, String mergeKey) {}

    private final TypeSchema type;

    private MergeHints(TypeSchema type) {
        this.type = type;
    }

    /** The hints of a built-in kind's object root; empty hints for a kind that is not built in. */
    public static MergeHints forKind(String kind) {
        return new MergeHints(KindSchemas.forKind(kind));
    }

    /** The list hint the table declares for {@code field}, or empty if it declares none. */
    public Optional<ListHint> list(String field) {
        if (!type.declares(field)) return Optional.empty();
        FieldSchema f = type.field(field);
        return switch (f.strategy()) {
            case MERGE_BY_KEY -> Optional.of(new ListHint(ListType.MAP, f.mergeKey()));
            case MERGE_SET -> Optional.of(new ListHint(ListType.SET, null));
            case ATOMIC ->
                f.type() == TypeSchema.OPAQUE ? Optional.of(new ListHint(ListType.ATOMIC, null)) : Optional.empty();
        };
    }

    /** The hints of the object (or list elements) under {@code field}. */
    public MergeHints under(String field) {
        return new MergeHints(type.field(field).type());
    }

    /** Whether nothing is declared here, so nothing below can be either. */
    public boolean isEmpty() {
        return type == TypeSchema.OPAQUE;
    }
}
