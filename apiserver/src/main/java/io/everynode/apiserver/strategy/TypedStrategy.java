package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.errors.Statuses.Cause;
import io.everynode.apiserver.registry.Strategy;
import io.everynode.apiserver.registry.WriteContext;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A strategy whose defaults and validation are the pure rules of the {@code api} module on the
 * fabric8 model of the kind. The JSON tree is decoded once per hook and, after defaulting,
 * replaced by the encoded model (fields unknown to the model ride along in its
 * additionalProperties, so nothing the client sent is lost).
 */
abstract class TypedStrategy<T extends HasMetadata> implements Strategy {
    private final Class<T> model;
    private final KindTraits traits;
    /** Whether the kind overrides {@link #validateStatus}: if not, a status write need not decode anything. */
    private final boolean validatesStatus;

    TypedStrategy(Class<T> model) {
        this(model, KindTraits.PLAIN);
    }

    TypedStrategy(Class<T> model, KindTraits traits) {
        this.model = model;
        this.traits = traits;
        this.validatesStatus = overridesValidateStatus(getClass());
    }

    private static boolean overridesValidateStatus(Class<?> c) {
        for (; c != null && c != TypedStrategy.class; c = c.getSuperclass()) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.getName().equals("validateStatus") && m.getParameterCount() == 2) return true;
            }
        }
        return false;
    }

    @Override
    public final boolean hasGeneration() {
        return traits.generation();
    }

    @Override
    public final boolean hasStatusSubresource() {
        return traits.statusSubresource();
    }

    /** Upstream API defaulting, in place. */
    void applyDefaults(T obj, WriteContext ctx) {}

    abstract List<FieldError> validateCreate(T obj, WriteContext ctx);

    abstract List<FieldError> validateUpdate(T obj, T old, WriteContext ctx);

    List<FieldError> validateStatus(T obj, T old) {
        return List.of();
    }

    /** Server-owned changes after defaulting on create (status, annotations, admission). */
    void prepareCreate(ObjectNode obj, WriteContext ctx) {}

    T decode(ObjectNode obj) {
        return Json.convert(obj, model);
    }

    @Override
    public final void prepareForCreate(ObjectNode obj, WriteContext ctx) {
        defaultInPlace(obj, ctx);
        prepareCreate(obj, ctx);
    }

    @Override
    public void prepareForUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        defaultInPlace(obj, ctx);
    }

    private void defaultInPlace(ObjectNode obj, WriteContext ctx) {
        T typed = decode(obj);
        applyDefaults(typed, ctx);
        ObjectNode out = Json.tree(typed);
        obj.removeAll();
        obj.setAll(out);
    }

    @Override
    public final List<Cause> validateCreate(ObjectNode obj, WriteContext ctx) {
        return causes(validateCreate(decode(obj), ctx));
    }

    @Override
    public final List<Cause> validateUpdate(ObjectNode obj, ObjectNode old, WriteContext ctx) {
        return causes(validateUpdate(decode(obj), decode(old), ctx));
    }

    @Override
    public final List<Cause> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
        // Decoding a whole object twice to learn nothing was most of a pod status write's cost.
        if (!validatesStatus) return List.of();
        return causes(validateStatus(decode(obj), decode(old)));
    }

    static List<Cause> causes(List<FieldError> errors) {
        return errors.stream()
                .map(e -> new Cause(e.field(), e.type().reason, e.causeMessage()))
                .toList();
    }
}
