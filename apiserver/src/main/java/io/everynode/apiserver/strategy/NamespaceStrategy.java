package io.everynode.apiserver.strategy;

import io.everynode.api.defaults.Defaults;
import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.api.validation.NamespaceValidation;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Namespaces start Active with the {@code kubernetes} finalizer, which the namespace lifecycle
 * loop removes (through {@code namespaces/finalize}) once the namespace is empty. Like upstream,
 * every namespace carries the label {@code kubernetes.io/metadata.name=<name>}.
 */
final class NamespaceStrategy extends TypedStrategy<Namespace> {
    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    NamespaceStrategy() {
        super(Namespace.class, KindTraits.STATUS);
    }

    @Override
    void applyDefaults(Namespace obj, WriteContext ctx) {
        Defaults.defaultNamespace(obj);
    }

    @Override
    void prepareCreate(ObjectNode obj, WriteContext ctx) {
        labelName(obj);
        Json.child(obj, "spec").putArray("finalizers").add("kubernetes");
        obj.putObject("status").put("phase", "Active");
    }

    /** A new namespace has its {@code default} ServiceAccount at once. */
    @Override
    public void created(ObjectNode obj, io.everynode.apiserver.registry.Registry registry) {
        DefaultServiceAccount.ensure(registry, io.everynode.apiserver.registry.Meta.name(obj));
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        super.prepareForUpdate(obj, old, ctx);
        // spec.finalizers change only through namespaces/finalize, which is a status-style write
        if (old.has("spec")) obj.set("spec", old.get("spec").deepCopy());
        labelName(obj);
    }

    @Override
    public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
        ObjectNode status = obj.has("status") ? (ObjectNode) obj.get("status") : null;
        ObjectNode spec = obj.has("spec") ? (ObjectNode) obj.get("spec") : null;
        obj.removeAll();
        obj.setAll(old.deepCopy());
        if (status != null) obj.set("status", status);
        // namespaces/finalize is routed here too: it may change spec.finalizers and nothing else.
        if (spec != null) obj.set("spec", spec);
    }

    @Override
    List<FieldError> validateCreate(Namespace obj, WriteContext ctx) {
        return NamespaceValidation.validateCreate(obj);
    }

    @Override
    List<FieldError> validateUpdate(Namespace obj, Namespace old, WriteContext ctx) {
        return NamespaceValidation.validateUpdate(obj, old);
    }

    @Override
    public boolean deletionPending(ObjectNode obj) {
        JsonNode f = obj.path("spec").path("finalizers");
        return f.isArray() && !f.isEmpty();
    }

    @Override
    public void prepareForDeletion(ObjectNode obj) {
        Json.child(obj, "status").put("phase", "Terminating");
    }

    @Override
    public Map<String, String> selectableFields(ObjectNode obj) {
        return Map.of("status.phase", obj.path("status").path("phase").asString(""));
    }

    private static void labelName(ObjectNode obj) {
        ObjectNode meta = Json.child(obj, "metadata");
        Json.child(meta, "labels").put(NAME_LABEL, meta.path("name").asString(""));
    }
}
