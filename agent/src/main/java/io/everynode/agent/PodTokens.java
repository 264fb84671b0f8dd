package io.everynode.agent;

import io.everynode.client.ApiError;
import io.everynode.client.IssuedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ServiceAccount tokens of one pod's projected volumes, as the kubelet's token manager keeps
 * them: fetched from the TokenRequest API bound to the pod (with the source's audience and
 * expiry), and fetched again once 80% of a token's life has passed, on the injected clock. The
 * agent rewrites the volume when the token changes and syncs the pod again at {@link #nextRefresh}.
 * One instance per pod; it goes with the pod's record.
 */
final class PodTokens {
    /** A token fetched at {@code fetched}, good until {@code expiry}. */
    record Held(IssuedToken token, Instant fetched) {
        /** The kubelet's rule: refresh once 80% of the token's life has passed. */
        Instant refreshAt() {
            Duration life = Duration.between(fetched, token.expiry());
            return fetched.plus(life.multipliedBy(8).dividedBy(10));
        }
    }

    /** Asks the TokenRequest API for a token bound to the pod. */
    @FunctionalInterface
    interface Fetch {
        /** @throws ApiError when the API refuses */
        IssuedToken token(String audience, long expirationSeconds);
    }

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /**
     * The token for one source of the pod, fetched when there is none or it is due for refresh.
     *
     * @throws PodSources.Missing with the kubelet's "failed to fetch token" message when the API
     *     refuses; a token held from before is used while it is still valid
     */
    byte[] token(Fetch fetch, Clock clock, String volume, String audience, long seconds) throws PodSources.Missing {
        String key = (audience == null ? "" : audience) + "|" + seconds;
        Instant now = clock.instant();
        Held h = held.get(key);
        if (h == null || !now.isBefore(h.refreshAt())) {
            try {
                IssuedToken fresh = fetch.token(audience, seconds);
                h = new Held(fresh, now);
                held.put(key, h);
            } catch (ApiError e) {
                if (h == null || !now.isBefore(h.token().expiry()))
                    throw new PodSources.Missing(volume, "failed to fetch token: " + e.getMessage());
            }
        }
        return h.token().token().getBytes(StandardCharsets.UTF_8);
    }

    /** When the earliest held token is due for refresh, or empty when none is held. */
    Optional<Instant> nextRefresh() {
        return held.values().stream().map(Held::refreshAt).min(Instant::compareTo);
    }
}
