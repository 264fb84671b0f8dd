package io.everynode.agent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Optional;

/** Where the agent reads the ConfigMaps and Secrets its pods name (the host's informers; a map in tests). */
interface ConfigLookup {
    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);
}
