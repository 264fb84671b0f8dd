package io.everynode.apiserver.registry;

import io.everynode.api.resource.ResourceType;
import java.util.Optional;

/**
 * What the registry learns at runtime about types it was not built with (the versions of custom
 * resource definitions): their strategy, and the version their objects are stored in. Objects of
 * a type are written in {@link #storage} form and read back in the form of the version asked for;
 * versions differ in {@code apiVersion} only (conversion strategy None).
 */
public interface DynamicTypes {
    /** The strategy of a type not among the registry's built-in strategies, if it is served. */
    Optional<Strategy> strategy(ResourceType type);

    /** The version objects of {@code type} are stored in: {@code type} itself for built-in kinds. */
    ResourceType storage(ResourceType type);

    /** No types beyond the built-in ones. */
    static DynamicTypes none() {
        return new DynamicTypes() {
            @Override
            public Optional<Strategy> strategy(ResourceType type) {
                return Optional.empty();
            }

            @Override
            public ResourceType storage(ResourceType type) {
                return type;
            }
        };
    }
}
