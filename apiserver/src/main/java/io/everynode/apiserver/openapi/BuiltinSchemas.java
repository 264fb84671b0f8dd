package io.everynode.apiserver.openapi;

import io.everynode.api.resource.ResourceType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas of the built-in kinds, generated from their fabric8 model classes once, on first
 * use; afterwards it only reads. Thread-safe. Each kind's component and its list
 * kind's carry {@code x-kubernetes-group-version-kind}, as upstream's do.
 */
public final class BuiltinSchemas implements SchemaProvider {
    private final List<ResourceType> types;
    private Generated generated; // guarded by this

    /** Everything generated, at once. */
    private record Generated(
            Map<ResourceType, KindSchema> byType, Map<String, ObjectNode> operations, Map<String, ObjectNode> meta) {}

    /**
     * @param types the built-in kinds to describe, each with its fabric8 model class; their
     *     schemas are generated on first use (loading a few hundred model classes takes seconds
     *     on a cold JVM, which a server that is never asked for OpenAPI should not pay)
     */
    public BuiltinSchemas(List<ResourceType> types) {
        this.types = List.copyOf(types);
    }

    @Override
    public Optional<KindSchema> schema(ResourceType type) {
        return Optional.ofNullable(generated().byType().get(type));
    }

    /**
     * The components every document's operations refer to: {@code DeleteOptions} (DELETE bodies),
     * {@code Status} (DELETE answers) and {@code Patch} (PATCH bodies).
     */
    public Map<String, ObjectNode> operationComponents() {
        return generated().operations();
    }

    /**
     * {@code ObjectMeta} and {@code ListMeta} and every component they refer to: what a custom
     * resource's schema refers to for its {@code metadata}.
     */
    public Map<String, ObjectNode> metadataComponents() {
        return generated().meta();
    }

    private synchronized Generated generated() {
        if (generated == null) generated = generate(types);
        return generated;
    }

    private static Generated generate(List<ResourceType> types) {
        // By model: two groups may serve one kind name (apps/v1 and apps.kruise.io DaemonSets)
        Map<Class<?>, String> kinds = new LinkedHashMap<>();
        for (ResourceType t : types) kinds.put(t.model(), t.kind());
        ModelSchemas models = new ModelSchemas(new PatchHints(kinds));
        Map<ResourceType, KindSchema> byType = new HashMap<>();
        for (ResourceType t : types) {
            String name = models.component(t.model());
            gvk(models.get(name), t, t.kind());
            describe(models.get(name), t.kind());
            String listName = listClass(t.model()).map(models::component).orElse(null);
            if (listName != null) gvk(models.get(listName), t, t.listKind());
            Set<String> roots = new LinkedHashSet<>();
            roots.add(name);
            if (listName != null) roots.add(listName);
            byType.put(t, new KindSchema(name, listName, models.closure(roots), true));
        }
        String deleteOptions = models.component(io.fabric8.kubernetes.api.model.DeleteOptions.class);
        String status = models.component(io.fabric8.kubernetes.api.model.Status.class);
        Map<String, ObjectNode> operations = models.closure(Set.of(deleteOptions, status, SchemaNames.PATCH));
        Set<String> meta = Set.of(
                models.component(io.fabric8.kubernetes.api.model.ObjectMeta.class),
                models.component(io.fabric8.kubernetes.api.model.ListMeta.class));
        return new Generated(Map.copyOf(byType), Map.copyOf(operations), Map.copyOf(models.closure(meta)));
    }

    /** Our own one-line descriptions on a kind and its common fields (see {@link KindDescriptions}). */
    private static void describe(ObjectNode schema, String kind) {
        String d = KindDescriptions.KINDS.get(kind);
        if (d != null) schema.put("description", d);
        KindDescriptions.FIELDS.forEach((field, text) -> {
            if (schema.path("properties").get(field) instanceof ObjectNode p) p.put("description", text);
        });
    }

    private static void gvk(ObjectNode schema, ResourceType t, String kind) {
        ObjectNode g = schema.putArray("x-kubernetes-group-version-kind").addObject();
        g.put("group", t.group());
        g.put("kind", kind);
        g.put("version", t.version());
    }

    /** fabric8 names a kind's list class after it: DaemonSet, DaemonSetList. */
    private static Optional<Class<?>> listClass(Class<?> model) {
        try {
            return Optional.of(Class.forName(model.getName() + "List", false, model.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
