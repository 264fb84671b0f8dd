package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import io.everynode.apiserver.watch.ObjectCache;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks upstream makes on a list's or watch's {@code resourceVersion} and {@code continue}
 * before it reads anything, with its answers:
 * <ul>
 *   <li>a resourceVersion that is not an unsigned integer: 400 "invalid resource version: ...";</li>
 *   <li>a list, or a watch with {@code sendInitialEvents}, at a resourceVersion the cache has
 *       not reached: waits up to {@link #FRESHNESS_WAIT} (upstream's 3 s) for it, then 504
 *       Timeout "Too large resource version" with cause ResourceVersionTooLarge and Retry-After.
 *       A plain watch at such a version is served as upstream serves it: events after it.</li>
 * </ul>
 */
final class ReadOptions {
    static final Duration FRESHNESS_WAIT = Duration.ofSeconds(3);
    private static final int RETRY_AFTER_SECONDS = 1;
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private final ObjectCache cache;

    ReadOptions(ObjectCache cache) {
        this.cache = cache;
    }

    /** Waits until the cache is at least as new as a list's resourceVersion {@code rv} (parsed from {@code given}). */
    void awaitListable(String given, long rv) {
        if (rv > 0 && !cache.awaitRevision(rv, FRESHNESS_WAIT)) throw tooLarge(given);
    }

    /**
     * Checks a watch's parameters; a watch with initial events at a version not reached in time
     * is answered here as upstream answers it, a 200 stream carrying one ERROR event.
     *
     * @return whether the request was answered here
     */
    boolean refusedWatch(ApiRequest req, ApiResponse resp) throws IOException {
        long rv = resourceVersion(req.param("resourceVersion"));
        if (rv <= 0 || !req.flag("sendInitialEvents") || cache.awaitRevision(rv, FRESHNESS_WAIT)) return false;
        ObjectNode event = Json.object();
        event.put("type", "ERROR");
        event.set("object", tooLarge(req.param("resourceVersion")).status());
        byte[] line = (Json.string(event) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (ApiResponse.Stream out = resp.stream(200, "application/json")) {
            out.write(line);
        }
        return true;
    }

    /** The resourceVersion as a number; 0 when unset or "0" (any version will do). */
    static long resourceVersion(String rv) {
        if (rv == null || rv.isEmpty()) return 0;
        String why = null;
        if (!rv.chars().allMatch(c -> c >= '0' && c <= '9')) why = "invalid syntax";
        else if (new BigInteger(rv).compareTo(MAX_UINT64) > 0) why = "value out of range";
        if (why != null) {
            throw Statuses.badRequest("invalid resource version: resourceVersion: Invalid value: \"" + rv
                    + "\": strconv.ParseUint: parsing \"" + rv + "\": " + why);
        }
        // A valid uint64 beyond a long is beyond any revision too: it waits and is too large.
        return new BigInteger(rv).bitLength() > 63 ? Long.MAX_VALUE : Long.parseLong(rv);
    }

    private ApiException tooLarge(String rv) {
        ObjectNode details = Json.object();
        ObjectNode cause = details.putArray("causes").addObject();
        cause.put("reason", "ResourceVersionTooLarge");
        cause.put("message", "Too large resource version");
        details.put("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return Statuses.failure(
                504,
                "Timeout",
                "Timeout: Too large resource version: " + rv + ", current: " + cache.revision(),
                details);
    }
}
