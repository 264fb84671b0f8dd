package io.everynode.apiserver.crd;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.ObjectMetaValidation;
import io.everynode.api.validation.ObjectMetaValidation.NameRule;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write path of CustomResourceDefinitions: names defaulted (singular from kind, listKind =
 * kind + "List", conversion None), the definition validated ({@link CrdValidation}), status
 * owned by the server's {@code CrdLifecycle}. Deleting a definition does not remove it at once:
 * it gets the {@value #CLEANUP} finalizer and a Terminating condition, and goes once its custom
 * resources are deleted, as upstream.
 */
public final class CrdStrategy implements Strategy {
    /** Upstream's finalizer: the definition stays until its custom resources are gone. */
    public static final String CLEANUP = "customresourcecleanup.apiextensions.k8s.io";

    private final Clock clock;

    public CrdStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        obj.remove("status");
        defaults(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        defaults(obj);
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        List<FieldError> errs =
                new ArrayList<>(ObjectMetaValidation.validate(meta(obj), false, NameRule.DNS_SUBDOMAIN));
        errs.addAll(CrdValidation.validate(obj));
        return CustomResourceStrategy.causes(errs);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateUpdate(meta(obj), meta(old)));
        errs.addAll(CrdValidation.validate(obj));
        String scope = obj.path("spec").path("scope").asString("");
        if (!scope.equals(old.path("spec").path("scope").asString("")))
            errs.add(FieldError.invalid("spec.scope", scope, "field is immutable"));
        return CustomResourceStrategy.causes(errs);
    }

    /** Every definition passes through Terminating, whatever its finalizers. */
    @Override
    public boolean deletionPending(ObjectNode obj) {
        return !Meta.deleting(obj);
    }

    @Override
    public void prepareForDeletion(ObjectNode obj) {
        List<String> finalizers = new ArrayList<>(Meta.finalizers(obj));
        if (!finalizers.contains(CLEANUP)) finalizers.add(CLEANUP);
        Meta.setFinalizers(obj, finalizers);
        CrdConditions.set(
                Json.child(obj, "status"),
                "Terminating",
                "True",
                "InstanceDeletionPending",
                "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
                clock.instant());
    }

    @Override
    public boolean hasGeneration() {
        return true;
    }

    @Override
    public boolean hasStatusSubresource() {
        return true;
    }

    private static void defaults(ObjectNode obj) {
        JsonNode spec = obj.get("spec");
        if (!(spec instanceof ObjectNode s)) return;
        ObjectNode names = Json.child(s, "names");
        String kind = names.path("kind").asString("");
        if (names.path("singular").asString("").isEmpty() && !kind.isEmpty())
            names.put("singular", kind.toLowerCase(Locale.ROOT));
        if (names.path("listKind").asString("").isEmpty() && !kind.isEmpty()) names.put("listKind", kind + "List");
        ObjectNode conversion = Json.child(s, "conversion");
        if (conversion.path("strategy").asString("").isEmpty()) conversion.put("strategy", "None");
    }

    private static ObjectMeta meta(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        return m == null || !m.isObject() ? null : Json.convert(m, ObjectMeta.class);
    }
}
