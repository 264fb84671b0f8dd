package io.everynode.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment a container takes from ConfigMaps and Secrets, resolved by the agent when it
 * starts the container (the kubelet resolves it at each container start, so a restart sees new
 * values). The runtime builds the environment as the kubelet does: {@code fromEnvFrom} first, in
 * order, then the container's {@code env} list, where an entry with a configMapKeyRef or
 * secretKeyRef takes its value from {@code fromRefs}; neither kind of value is {@code $(VAR)}-expanded.
 *
 * @param fromEnvFrom the variables of {@code envFrom}, prefixed, later sources overriding earlier ones
 * @param fromRefs env entry name → value, for the entries whose key was found (an optional one
 *     that was not found is absent, and the variable is not set)
 */
public record SourcedEnv(Map<String, String> fromEnvFrom, Map<String, String> fromRefs) {
    /** No variable from a ConfigMap or Secret. */
    public static final SourcedEnv NONE = new SourcedEnv(Map.of(), Map.of());

    public SourcedEnv {
        fromEnvFrom = Collections.unmodifiableMap(new LinkedHashMap<>(fromEnvFrom));
        fromRefs = Map.copyOf(fromRefs);
    }
}
