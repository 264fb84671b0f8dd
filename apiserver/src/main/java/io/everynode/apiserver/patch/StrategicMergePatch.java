package io.everynode.apiserver.patch;

import java.util.Locale;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), the
 * format of kubectl's client-side apply, taint, cordon, rollout restart and rollout undo
 * (kubectl-contract.md §1.7). Maps merge recursively and {@code null} deletes; lists merge by
 * the per-kind schema (by merge key, as a set, or atomically); the directives {@code $patch},
 * {@code $retainKeys}, {@code $setElementOrder/…} and {@code $deleteFromPrimitiveList/…} are
 * applied and never appear in the result.
 *
 * <p>Instances are immutable and thread-safe; get one per kind with {@link #forKind(String)}.
 */
public final class StrategicMergePatch {

    private final TypeSchema schema;

    private StrategicMergePatch(TypeSchema schema) {
        this.schema = schema;
    }

    /**
     * The patcher for {@code kind} (Pod, DaemonSet, Node, Namespace, Event, ControllerRevision,
     * PriorityClass, Lease). A kind outside that table gets JSON merge patch semantics with atomic
     * lists, still honouring the directives.
     */
    public static StrategicMergePatch forKind(String kind) {
        return new StrategicMergePatch(KindSchemas.forKind(Objects.requireNonNull(kind, "kind")));
    }

    /**
     * Returns {@code target} with {@code patch} applied, as a new tree; neither input changes.
     * A {@code $patch: delete} at the top level yields an empty object.
     *
     * @throws PatchException if the patch is not an object or a directive is malformed
     */
    public JsonNode apply(JsonNode target, JsonNode patch) {
        Objects.requireNonNull(patch, "patch");
        if (!patch.isObject()) {
            throw PatchException.malformed(
                    "a strategic merge patch must be a JSON object, not %s",
                    patch.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        ObjectNode own = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : null;
        ObjectNode result = StrategicMerger.mergeMap(own, (ObjectNode) patch, schema, "");
        return result == null ? JsonNodeFactory.instance.objectNode() : result;
    }
}
