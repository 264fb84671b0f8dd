package io.everynode.agent.images;

import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Reads a Secret of the pod's namespace (the agent's informers; a map in tests). */
@FunctionalInterface
public interface SecretLookup {
    Optional<Secret> secret(String namespace, String name);
}
