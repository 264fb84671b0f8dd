package io.everynode.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link KubeClient} and the informers built on it.
 *
 * @param userAgent sent with every request (upstream servers log it)
 * @param requestTimeout how long a whole exchange over HTTP may take, and how long the answer to
 *     a watch request (its status line and headers) may take to come
 * @param informerWatchTimeout how long an informer asks each watch to last; the server then
 *     ends it and the informer resumes from the last resourceVersion it saw. client-go picks
 *     5 to 10 minutes so that watches of many clients do not end together.
 * @param informerRetryDelay how long an informer waits after a failed list or watch before
 *     trying again
 * @param watchIdleTimeout how long a watch that asked for bookmarks may stay silent over HTTP
 *     before the client takes its server for hung and ends the watch with an error (the informer
 *     then watches again, through the next server of a {@link FailoverTransport}); zero: never.
 *     The API server writes a BOOKMARK every 30 s on such a watch, so the default of 45 s is one
 *     bookmark late by 15 s, the time client-go's HTTP/2 health check gives a ping after 30 s of
 *     silence.
 */
public record ClientConfig(
        String userAgent,
        Duration requestTimeout,
        Duration informerWatchTimeout,
        Duration informerRetryDelay,
        Duration watchIdleTimeout) {

    public ClientConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(informerWatchTimeout, "informerWatchTimeout");
        Objects.requireNonNull(informerRetryDelay, "informerRetryDelay");
        Objects.requireNonNull(watchIdleTimeout, "watchIdleTimeout");
        if (informerWatchTimeout.toSeconds() < 1)
            throw new IllegalArgumentException("informerWatchTimeout must be at least 1s");
        if (watchIdleTimeout.isNegative()) throw new IllegalArgumentException("watchIdleTimeout must not be negative");
    }

    public static ClientConfig defaults() {
        return new ClientConfig(
                "everynode-client",
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(45));
    }

    public ClientConfig withUserAgent(String agent) {
        return new ClientConfig(agent, requestTimeout, informerWatchTimeout, informerRetryDelay, watchIdleTimeout);
    }

    public ClientConfig withRequestTimeout(Duration timeout) {
        return new ClientConfig(userAgent, timeout, informerWatchTimeout, informerRetryDelay, watchIdleTimeout);
    }

    public ClientConfig withInformerWatchTimeout(Duration timeout) {
        return new ClientConfig(userAgent, requestTimeout, timeout, informerRetryDelay, watchIdleTimeout);
    }

    public ClientConfig withInformerRetryDelay(Duration delay) {
        return new ClientConfig(userAgent, requestTimeout, informerWatchTimeout, delay, watchIdleTimeout);
    }

    public ClientConfig withWatchIdleTimeout(Duration timeout) {
        return new ClientConfig(userAgent, requestTimeout, informerWatchTimeout, informerRetryDelay, timeout);
    }
}
