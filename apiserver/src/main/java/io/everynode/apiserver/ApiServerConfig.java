package io.everynode.apiserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the API layer.
 *
 * @param maxRequestBytes larger bodies are refused with 413 (upstream's limit is 3 MiB)
 * @param minWatchTimeout a watch without timeoutSeconds lasts a random time between this and
 *     twice this (upstream: 30 to 60 minutes)
 * @param hostNames names the {@code Host} header may carry besides "localhost" and loopback IP
 *     literals (see {@link HostCheck}): the bind address when it is a name
 */
public record ApiServerConfig(long maxRequestBytes, Duration minWatchTimeout, List<String> hostNames) {
    public ApiServerConfig {
        hostNames = List.copyOf(hostNames);
    }

    public static ApiServerConfig defaults() {
        return new ApiServerConfig(3L * 1024 * 1024, Duration.ofMinutes(30), List.of());
    }

    /** This config, also accepting {@code Host: name} (give it the address the server binds). */
    public ApiServerConfig withHostName(String name) {
        List<String> names = new ArrayList<>(hostNames);
        names.add(name);
        return new ApiServerConfig(maxRequestBytes, minWatchTimeout, names);
    }
}
