package io.everynode.dashboard.rollout;

import io.everynode.api.json.Json;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code kubectl rollout undo ds/NAME [--to-revision=N]} decides, R4.7: among the
 * ControllerRevisions the DaemonSet controls, revision N, or without N (or with 0) the one with
 * the second-highest revision number; with one or none, "no last revision to roll back to"; N
 * not among them, "unable to find specified revision N in history"; when the chosen revision is
 * the current template already, a skipped rollback. Pure: the caller reads the revisions and sends the patch
 * (the revision's data, verbatim, as a strategic-merge patch: kubectl's own request; for the
 * Advanced DaemonSet, {@link #advancedPatch}).
 */
public final class RolloutUndo {
    private RolloutUndo() {}

    /** The decision: {@link Kind#ROLL_BACK} to {@code revision}, {@link Kind#SKIP}, or {@link Kind#NONE}. */
    public enum Kind {
        ROLL_BACK,
        SKIP,
        NONE
    }

    /** @param revision the chosen revision, null for {@link Kind#NONE}; {@code message} as kubectl prints it */
    public record Choice(Kind kind, ControllerRevision revision, String message) {}

    /** {@code kubectl rollout undo ds/NAME}: the previous revision. */
    public static Choice choose(DaemonSet ds, List<ControllerRevision> revisions) {
        return choose(ds, revisions, 0);
    }

    /** @param toRevision {@code --to-revision}: 0 for the previous revision */
    public static Choice choose(DaemonSet ds, List<ControllerRevision> revisions, long toRevision) {
        String uid = ds.getMetadata().getUid();
        List<ControllerRevision> owned = revisions.stream()
                .filter(r -> controlledBy(r, uid))
                .sorted(Comparator.comparingLong(RolloutUndo::number).reversed())
                .toList();
        ControllerRevision previous;
        if (toRevision > 0) {
            previous = owned.stream()
                    .filter(r -> number(r) == toRevision)
                    .findFirst()
                    .orElse(null);
            if (previous == null) {
                return new Choice(Kind.NONE, null, "unable to find specified revision " + toRevision + " in history");
            }
        } else if (owned.size() <= 1) {
            return new Choice(Kind.NONE, null, "no last revision to roll back to");
        } else {
            previous = owned.get(1);
        }
        long n = number(previous);
        // R4.2: the hash names the template; kubectl compares the template's bytes, which the hash stands for
        Map<String, String> labels = previous.getMetadata().getLabels();
        String hash = labels == null ? null : labels.get(DaemonSetFacts.HASH_LABEL);
        if (hash != null && hash.equals(DaemonSetFacts.currentHash(ds))) {
            return new Choice(
                    Kind.SKIP, previous, "skipped rollback (current template already matches revision " + n + ")");
        }
        return new Choice(Kind.ROLL_BACK, previous, "rolled back to revision " + n);
    }

    /**
     * The undo request for an Advanced DaemonSet, whose controller records its revisions as for
     * apps/v1 (E7.3, owned by the advanced object): the revision's template put in place whole,
     * as a JSON patch {@code [{"op":"replace","path":"/spec/template","value":TEMPLATE}]}. The
     * revision's data ({@code {"spec":{"template":{...,"$patch":"replace"}}}}, R4.1) cannot go
     * verbatim: a custom kind takes no strategic-merge patch, and as a merge patch the directive
     * would be stored as a field and labels or annotations the old template lacks would stay. The
     * JSON patch's replace does what the directive asks.
     *
     * @throws IllegalArgumentException when the revision's data holds no {@code spec.template}
     */
    public static String advancedPatch(ControllerRevision revision) {
        Object data = revision.getData();
        JsonNode tree = data instanceof String text
                ? Json.parse(text.getBytes(StandardCharsets.UTF_8))
                : Json.MAPPER.valueToTree(data);
        JsonNode template = tree == null ? null : tree.path("spec").path("template");
        if (!(template instanceof ObjectNode t)) {
            throw new IllegalArgumentException(
                    "revision " + revision.getMetadata().getName() + " holds no spec.template");
        }
        ObjectNode value = t.deepCopy();
        value.remove("$patch");
        ArrayNode patch = Json.array();
        ObjectNode replace = patch.addObject();
        replace.put("op", "replace");
        replace.put("path", "/spec/template");
        replace.set("value", value);
        return Json.string(patch);
    }

    private static long number(ControllerRevision r) {
        return r.getRevision() == null ? 0 : r.getRevision();
    }

    private static boolean controlledBy(ControllerRevision r, String uid) {
        List<OwnerReference> refs = r.getMetadata().getOwnerReferences();
        return refs != null
                && refs.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()) && uid.equals(o.getUid()));
    }
}
