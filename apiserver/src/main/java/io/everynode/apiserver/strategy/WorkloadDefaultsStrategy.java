package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * apps/v1 defaults of Deployments and ReplicaSets (upstream SetDefaults_Deployment and
 * SetDefaults_ReplicaSet) in front of the kind's stored strategy, which keeps validation and
 * everything else: replicas 1 and the pod template's pod-spec defaults for both; for Deployments
 * also strategy RollingUpdate with maxUnavailable and maxSurge 25%, revisionHistoryLimit 10 and
 * progressDeadlineSeconds 600. Only fields left unset are filled in, on create and on update.
 */
final class WorkloadDefaultsStrategy implements Strategy {
    private final Strategy stored;
    private final boolean deployment;

    WorkloadDefaultsStrategy(Strategy stored, boolean deployment) {
        this.stored = stored;
        this.deployment = deployment;
    }

    private void applyDefaults(ObjectNode obj) {
        ObjectNode spec = Json.child(obj, "spec");
        if (!spec.has("replicas") || spec.get("replicas").isNull()) spec.put("replicas", 1);
        if (spec.get("template") instanceof ObjectNode template && template.get("spec") instanceof ObjectNode ps) {
            PodSpec podSpec = Json.convert(ps, PodSpec.class);
            Defaults.defaultPodSpec(podSpec);
            template.set("spec", Json.tree(podSpec));
        }
        if (!deployment) return;
        ObjectNode strategy = Json.child(spec, "strategy");
        if (!strategy.hasNonNull("type") || strategy.get("type").asString().isEmpty())
            strategy.put("type", "RollingUpdate");
        if ("RollingUpdate".equals(strategy.get("type").asString())) {
            ObjectNode ru = Json.child(strategy, "rollingUpdate");
            if (!ru.hasNonNull("maxUnavailable")) ru.put("maxUnavailable", "25%");
            if (!ru.hasNonNull("maxSurge")) ru.put("maxSurge", "25%");
        }
        if (!spec.hasNonNull("revisionHistoryLimit")) spec.put("revisionHistoryLimit", Defaults.REVISION_HISTORY_LIMIT);
        if (!spec.hasNonNull("progressDeadlineSeconds")) spec.put("progressDeadlineSeconds", 600);
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        applyDefaults(obj);
        stored.prepareForCreate(obj, ctx);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        applyDefaults(obj);
        stored.prepareForUpdate(obj, old, ctx);
    }

    @Override
    public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
        stored.prepareForStatusUpdate(obj, old);
    }

    @Override
    public List<String> warningsOnCreate(ObjectNode obj) {
        return stored.warningsOnCreate(obj);
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        return stored.validateCreate(obj, ctx);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        return stored.validateUpdate(obj, old, ctx);
    }

    @Override
    public List<Cause> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
        return stored.validateStatusUpdate(obj, old);
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return stored.selectableFields(obj);
    }

    @Override
    public boolean deletionPending(ObjectNode obj) {
        return stored.deletionPending(obj);
    }

    @Override
    public void prepareForDeletion(ObjectNode obj) {
        stored.prepareForDeletion(obj);
    }

    @Override
    public boolean hasGeneration() {
        return stored.hasGeneration();
    }

    @Override
    public boolean hasStatusSubresource() {
        return stored.hasStatusSubresource();
    }
}
