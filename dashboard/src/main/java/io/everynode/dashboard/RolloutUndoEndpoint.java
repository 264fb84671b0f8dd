package io.everynode.dashboard;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.client.KubeClient;
import io.everynode.client.PatchType;
import io.everynode.dashboard.rollout.RolloutUndo;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ObjectNode;

/**
 * The undo button: {@code kubectl rollout undo ds/NAME [--to-revision=N]}'s requests, made with the caller's client
 * (R4.7; docs/kubectl-contract.md §2.15): GET the DaemonSet, list the namespace's
 * ControllerRevisions by the DaemonSet's selector, choose ({@link RolloutUndo}), and PATCH the
 * DaemonSet with the chosen revision's data as a strategic-merge patch. An Advanced DaemonSet
 * is read through its view (its controller records revisions as for apps/v1, owned by the
 * advanced object) and patched with the revision's template as a JSON patch
 * ({@link RolloutUndo#advancedPatch}). The API authorizes each call as the caller: an identity
 * that may not list revisions or patch DaemonSets gets its 403.
 */
final class RolloutUndoEndpoint {
    /** The outcome: {@code changed} is false when there was nothing to do. */
    record Outcome(boolean changed, String message, Long revision) {
        byte[] json() {
            ObjectNode o = Json.object();
            o.put("changed", changed);
            o.put("message", message);
            if (revision == null) o.putNull("revision");
            else o.put("revision", revision);
            return Json.bytes(o);
        }
    }

    /** Thrown when there is no revision to go back to: kubectl's error, a 400 for the browser. */
    static final class NothingToUndo extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NothingToUndo(String message) {
            super(message);
        }
    }

    /**
     * @throws io.everynode.client.ApiError the API's refusal of a read or of the patch
     * @param toRevision {@code --to-revision}: 0 for the previous revision
     * @throws NothingToUndo with at most one revision, or no revision {@code toRevision}
     */
    Outcome undo(KubeClient caller, DaemonSetKind kind, String namespace, String name, long toRevision) {
        DaemonSet ds = kind.get(caller, namespace, name);
        var options = new ListOptionsBuilder();
        String selector = matchLabels(ds);
        if (selector != null) options.withLabelSelector(selector);
        var revisions = caller.list(ControllerRevision.class, namespace, options.build())
                .items();
        RolloutUndo.Choice choice = RolloutUndo.choose(ds, revisions, toRevision);
        switch (choice.kind()) {
            case NONE -> throw new NothingToUndo(choice.message());
            case SKIP -> {
                return new Outcome(false, choice.message(), choice.revision().getRevision());
            }
            default -> {
                if (kind == DaemonSetKind.ADVANCED) {
                    caller.patch(
                            AdvancedDaemonSet.class,
                            namespace,
                            name,
                            PatchType.JSON,
                            RolloutUndo.advancedPatch(choice.revision()));
                } else {
                    caller.patch(
                            DaemonSet.class,
                            namespace,
                            name,
                            PatchType.STRATEGIC,
                            Json.string(choice.revision().getData()));
                }
                return new Outcome(true, choice.message(), choice.revision().getRevision());
            }
        }
    }

    /** The selector's matchLabels as list-selector text; null when it has expressions too (then the owner filter alone decides). */
    private static String matchLabels(DaemonSet ds) {
        var sel = ds.getSpec().getSelector();
        if (sel == null || sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty()) return null;
        if (sel.getMatchExpressions() != null && !sel.getMatchExpressions().isEmpty()) return null;
        Map<String, String> sorted = new TreeMap<>(sel.getMatchLabels());
        return sorted.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
