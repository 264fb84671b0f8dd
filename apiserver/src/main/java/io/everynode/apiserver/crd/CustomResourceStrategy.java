package io.everynode.apiserver.crd;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.ObjectMetaValidation;
import io.everynode.api.validation.ObjectMetaValidation.NameRule;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The write path of one version of a custom resource: unknown fields pruned and defaults applied
 * from the version's structural schema, then metadata (DNS subdomain names) and the schema
 * validated. With the status subresource, status is dropped on create and ignored on main writes
 * (the registry's part) and everything but status is ignored on status writes; generation is
 * bumped on spec changes, and without the subresource on any change outside metadata, as upstream.
 */
final class CustomResourceStrategy implements Strategy {
    private final CustomVersion version;

    CustomResourceStrategy(CustomVersion version) {
        this.version = version;
    }

    @Override
    public void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        if (version.statusSubresource()) obj.remove("status");
        shape(obj);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        shape(obj);
        if (!version.statusSubresource()
                && Json.same(obj.path("spec"), old.path("spec"))
                && !sameOutsideMetadata(obj, old)) {
            Json.child(obj, "metadata")
                    .put("generation", old.path("metadata").path("generation").asLong(0) + 1);
        }
    }

    @Override
    public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
        Strategy.super.prepareForStatusUpdate(obj, old);
        shape(obj);
    }

    @Override
    public List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        List<FieldError> errs = new ArrayList<>(
                ObjectMetaValidation.validate(meta(obj), version.type().namespaced(), NameRule.DNS_SUBDOMAIN));
        errs.addAll(SchemaValidator.validate(obj, version.schema()));
        return causes(errs);
    }

    @Override
    public List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        List<FieldError> errs = new ArrayList<>(ObjectMetaValidation.validateUpdate(meta(obj), meta(old)));
        errs.addAll(SchemaValidator.validate(obj, version.schema()));
        return causes(errs);
    }

    @Override
    public List<Cause> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
        return causes(SchemaValidator.validate(obj, version.schema()));
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of();
    }

    @Override
    public boolean hasGeneration() {
        return true;
    }

    @Override
    public boolean hasStatusSubresource() {
        return version.statusSubresource();
    }

    private void shape(ObjectNode obj) {
        SchemaPruner.prune(obj, version.schema());
        SchemaDefaulter.apply(obj, version.schema());
    }

    private static boolean sameOutsideMetadata(ObjectNode a, ObjectNode b) {
        ObjectNode x = a.deepCopy();
        ObjectNode y = b.deepCopy();
        x.remove("metadata");
        y.remove("metadata");
        return Json.same(x, y);
    }

    private static ObjectMeta meta(ObjectNode obj) {
        JsonNode m = obj.get("metadata");
        return m == null || !m.isObject() ? null : Json.convert(m, ObjectMeta.class);
    }

    static List<Cause> causes(List<FieldError> errors) {
        return errors.stream()
                .map(e -> new Cause(e.field(), e.type().reason, e.causeMessage()))
                .toList();
    }
}
