package io.everynode.advisor.lint;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;

/**
 * A manifest the rules look at: a DaemonSet (apps/v1, or OpenKruise's apps.kruise.io Advanced
 * DaemonSet, whose rollingUpdate carries the same maxUnavailable and maxSurge) or a Deployment.
 * A DaemonSet is defaulted as the API server defaults it (R5.1: RollingUpdate, maxUnavailable 1,
 * maxSurge 0; pod defaults such as a hostNetwork container's hostPort), so the rules judge what
 * would run, not what was left out. Exactly one of {@code daemonSet} and {@code deployment} is set.
 */
public record Workload(Manifest source, ObjectMeta metadata, DaemonSet daemonSet, Deployment deployment) {
    /** The pod template's spec; the field path of it is {@value #POD_SPEC}. */
    public static final String POD_SPEC = "spec.template.spec";

    /** The workload in a manifest, or empty for kinds lint does not check. */
    public static Optional<Workload> of(Manifest m) throws LintInputException {
        String group = m.apiVersion().contains("/")
                ? m.apiVersion().substring(0, m.apiVersion().indexOf('/'))
                : "";
        try {
            if (m.kind().equals("DaemonSet") && (group.equals("apps") || group.equals("apps.kruise.io"))) {
                DaemonSet ds = Json.convert(m.object(), DaemonSet.class);
                Defaults.defaultDaemonSet(ds);
                return Optional.of(new Workload(m, meta(ds.getMetadata()), ds, null));
            }
            if (m.kind().equals("Deployment") && group.equals("apps")) {
                Deployment d = Json.convert(m.object(), Deployment.class);
                return Optional.of(new Workload(m, meta(d.getMetadata()), null, d));
            }
        } catch (JacksonException | IllegalArgumentException e) {
            throw new LintInputException(
                    m.file() + ": document " + m.document() + ": " + m.pathPrefix() + m.kind() + " does not decode: "
                            + e.getMessage(),
                    e);
        }
        return Optional.empty();
    }

    private static ObjectMeta meta(ObjectMeta m) {
        return m == null ? new ObjectMeta() : m;
    }

    public boolean isDaemonSet() {
        return daemonSet != null;
    }

    public String name() {
        return metadata.getName() == null ? "" : metadata.getName();
    }

    /** The pod template's spec, never null (empty when the manifest is a fragment without one). */
    public PodSpec podSpec() {
        var template = isDaemonSet() ? daemonSet.getSpec().getTemplate() : spec(deployment);
        return template == null || template.getSpec() == null ? new PodSpec() : template.getSpec();
    }

    /** The pod template's labels, never null. */
    public Map<String, String> podLabels() {
        var template = isDaemonSet() ? daemonSet.getSpec().getTemplate() : spec(deployment);
        if (template == null
                || template.getMetadata() == null
                || template.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return template.getMetadata().getLabels();
    }

    /** An annotation of the object's metadata, or empty. */
    public Optional<String> annotation(String key) {
        return Optional.ofNullable(metadata.getAnnotations()).map(a -> a.get(key));
    }

    private static io.fabric8.kubernetes.api.model.PodTemplateSpec spec(Deployment d) {
        return d.getSpec() == null ? null : d.getSpec().getTemplate();
    }
}
