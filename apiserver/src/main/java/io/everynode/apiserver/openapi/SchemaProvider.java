package io.everynode.apiserver.openapi;

import io.everynode.api.resource.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where {@link OpenApi} gets the schemas of the kinds it publishes. The built-in kinds come from
 * {@link BuiltinSchemas}; a source of custom resources (a CRD's {@code openAPIV3Schema}) is
 * another provider, chained after it with {@link #chain}.
 */
@FunctionalInterface
public interface SchemaProvider {

    /** The schemas of {@code type}, or empty if this provider does not know it. */
    Optional<KindSchema> schema(ResourceType type);

    /**
     * What one kind contributes to its group-version's document.
     *
     * @param name the component of the kind itself; it carries {@code x-kubernetes-group-version-kind}
     * @param listName the component of its list kind, or null if none is published
     * @param components every component the two refer to, themselves included, by name
     * @param strategicMerge whether its PATCH accepts strategic merge patches (built-in kinds do;
     *     custom resources do not, and kubectl then computes a JSON merge patch)
     */
    record KindSchema(String name, String listName, Map<String, ObjectNode> components, boolean strategicMerge) {
        public KindSchema {
            components = Map.copyOf(components);
        }
    }

    /** The first provider that knows a type answers for it. */
    static SchemaProvider chain(SchemaProvider... providers) {
        List<SchemaProvider> all = Arrays.asList(providers.clone());
        return type ->
                all.stream().map(p -> p.schema(type)).flatMap(Optional::stream).findFirst();
    }
}
