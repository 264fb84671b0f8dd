package io.everynode.apiserver;

import java.time.Duration;

/**
 * Settings of the API layer.
 *
 * @param maxRequestBytes larger bodies are refused with 413 (upstream's limit is 3 MiB)
 * @param minWatchTimeout a watch without timeoutSeconds lasts a random time between this and
 *     twice this (upstream: 30 to 60 minutes)
 */
public record ApiServerConfig(long maxRequestBytes, Duration minWatchTimeout) {
    public static ApiServerConfig defaults() {
        return new ApiServerConfig(3L * 1024 * 1024, Duration.ofMinutes(30));
    }
}
