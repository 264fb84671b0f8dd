package io.everynode.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link KubeClient} and the informers built on it.
 *
 * @param userAgent sent with every request (upstream servers log it)
 * @param requestTimeout how long a whole exchange over HTTP may take
 * @param informerWatchTimeout how long an informer asks each watch to last; the server then
 *     ends it and the informer resumes from the last resourceVersion it saw. client-go picks
 *     5 to 10 minutes so that watches of many clients do not end together.
 * @param informerRetryDelay how long an informer waits after a failed list or watch before
 *     trying again
 */
public record ClientConfig(
        String userAgent, Duration requestTimeout, Duration informerWatchTimeout, Duration informerRetryDelay) {

    public ClientConfig {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(informerWatchTimeout, "informerWatchTimeout");
        Objects.requireNonNull(informerRetryDelay, "informerRetryDelay");
        if (informerWatchTimeout.toSeconds() < 1)
            throw new IllegalArgumentException("informerWatchTimeout must be at least 1s");
    }

    public static ClientConfig defaults() {
        return new ClientConfig(
                "everynode-client", Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofSeconds(1));
    }

    public ClientConfig withUserAgent(String agent) {
        return new ClientConfig(agent, requestTimeout, informerWatchTimeout, informerRetryDelay);
    }

    public ClientConfig withInformerWatchTimeout(Duration timeout) {
        return new ClientConfig(userAgent, requestTimeout, timeout, informerRetryDelay);
    }

    public ClientConfig withInformerRetryDelay(Duration delay) {
        return new ClientConfig(userAgent, requestTimeout, informerWatchTimeout, delay);
    }
}
