package io.everynode.advisor.plan;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.advisor.lint.LintInputException;
import io.everynode.advisor.lint.Manifest;
import io.everynode.advisor.lint.Workload;
import io.everynode.api.json.Json;
import io.everynode.api.kruise.AdvancedDaemonSet;
import io.everynode.api.kruise.AdvancedDaemonSetDefaults;
import io.everynode.api.kruise.AdvancedView;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * A DaemonSet of a manifest as {@code plan} decides from it: its kind (where the existing one is
 * read) and its apps/v1 shape, defaulted as the API server would (R5.1). An advanced manifest
 * ({@code apps.kruise.io/v1alpha1}) is defaulted as its kind (E7.2) and planned through its view
 * (E7.3), so its partition, selector, pause and stages are read as the controller reads them.
 */
public record Proposal(DaemonSetKind kind, DaemonSet daemonSet) {
    /** The proposal in a manifest; empty when it holds no DaemonSet of either kind. */
    public static Optional<Proposal> of(Manifest m) throws LintInputException {
        Optional<DaemonSetKind> kind = DaemonSetKind.ofManifest(m.apiVersion(), m.kind());
        if (kind.isEmpty()) return Optional.empty();
        if (kind.get() == DaemonSetKind.APPS) {
            return Workload.of(m).map(w -> new Proposal(DaemonSetKind.APPS, w.daemonSet()));
        }
        AdvancedDaemonSet a;
        try {
            a = Json.convert(m.object(), AdvancedDaemonSet.class);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new LintInputException(
                    m.file() + ": document " + m.document() + ": " + m.pathPrefix() + m.kind() + " does not decode: "
                            + e.getMessage(),
                    e);
        }
        AdvancedDaemonSetDefaults.apply(a);
        return Optional.of(new Proposal(DaemonSetKind.ADVANCED, AdvancedView.of(a)));
    }
}
