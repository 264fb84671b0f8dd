package io.everynode.apiserver.metrics;

import io.everynode.api.json.Json;
import io.everynode.api.metrics.UsageReport;
import io.everynode.api.resource.StorageKeys;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.store.ConflictException;
import io.everynode.store.KeyExistsException;
import io.everynode.store.KeyNotFoundException;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last two readings of every node (as metrics-server keeps its last two scrapes: rates need
 * two), kept in the store under {@link #PREFIX}{@code NODE}, so that every API server on one store
 * serves the same figures whichever server the agent sent its reading to, and a restarted server
 * has them at once. The key is under {@code /registry/} (the watch cache follows that prefix, so
 * its revision keeps up with these writes) but is no API resource's (its first segment has a dash,
 * which no resource name has: {@link StorageKeys}): nothing lists or watches it
 * through the API. Values go through the encryption-at-rest transformer like every stored value.
 *
 * <p>A reading no newer than the node's latest is ignored (a retried or reordered send). Two
 * servers recording the same node at once are ordered by the store: an update carries the
 * modRevision it read, and the loser reads again. A node whose latest reading arrived more than
 * {@link #staleAfter} ago on the injected clock (three of its windows, at least {@link #MIN_STALE})
 * has no figures: a node that stopped reporting drops out as metrics-server drops a node it cannot
 * scrape. The arrival time is the receiving server's clock, so servers' clocks should agree within
 * seconds (NTP), as for Leases.
 */
final class UsageHistory {
    static final Duration MIN_STALE = Duration.ofMinutes(1);
    static final String PREFIX = StorageKeys.NODE_USAGES;
    private static final int ATTEMPTS = 5;

    /** Two consecutive readings of a node and when the later arrived. */
    record Window(UsageReport earlier, UsageReport later, Instant receivedAt) {}

    private record Entry(UsageReport earlier, UsageReport later, Instant receivedAt, long modRevision) {}

    private final Store store;
    private final ValueTransformer atRest;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep;

    UsageHistory(Store store, ValueTransformer atRest, Clock clock) {
        this.store = store;
        this.atRest = atRest;
        this.clock = clock;
        this.lastSweep = new AtomicReference<>(clock.instant());
    }

    void record(UsageReport report) {
        String key = PREFIX + report.node();
        for (int i = 0; i < ATTEMPTS; i++) {
            Instant now = clock.instant();
            Optional<KeyValue> current = store.get(key);
            try {
                if (current.isEmpty()) {
                    store.create(key, encode(key, null, report, now));
                } else {
                    Entry e = decode(current.get());
                    if (!report.timestamp().isAfter(e.later().timestamp())) return;
                    store.update(key, encode(key, e.later(), report, now), e.modRevision());
                }
                sweep(now);
                return;
            } catch (KeyExistsException | ConflictException | KeyNotFoundException raced) {
                // another server recorded this node in between: read again
            }
        }
    }

    /** The node's last two readings, or empty when it has fewer or they are stale. */
    Optional<Window> window(String node) {
        return store.get(PREFIX + node).map(this::decode).flatMap(this::fresh);
    }

    /** Every node's last two readings (those with two fresh ones), read once. */
    Map<String, Window> windows() {
        Map<String, Window> out = new LinkedHashMap<>();
        for (KeyValue kv : store.list(PREFIX, 0).items()) {
            fresh(decode(kv)).ifPresent(w -> out.put(w.later().node(), w));
        }
        return out;
    }

    private Optional<Window> fresh(Entry e) {
        if (e.earlier() == null) return Optional.empty();
        if (Duration.between(e.receivedAt(), clock.instant()).compareTo(staleAfter(e)) > 0) return Optional.empty();
        return Optional.of(new Window(e.earlier(), e.later(), e.receivedAt()));
    }

    /** Forgets nodes silent for ten minutes (at most one sweep a minute per server), so a fleet that shrank does not keep its readings. */
    private void sweep(Instant now) {
        Instant last = lastSweep.get();
        if (Duration.between(last, now).compareTo(MIN_STALE) < 0 || !lastSweep.compareAndSet(last, now)) return;
        for (KeyValue kv : store.list(PREFIX, 0).items()) {
            Entry e = decode(kv);
            if (Duration.between(e.receivedAt(), now).compareTo(MIN_STALE.multipliedBy(10)) <= 0) continue;
            try {
                store.delete(kv.key(), kv.modRevision());
            } catch (ConflictException | KeyNotFoundException e2) {
                // reported again, or swept by another server, meanwhile
            }
        }
    }

    private byte[] encode(String key, UsageReport earlier, UsageReport later, Instant receivedAt) {
        ObjectNode o = Json.object();
        o.put("apiVersion", UsageReport.API_VERSION);
        o.put("kind", "NodeUsageReadings");
        o.putObject("metadata").put("name", later.node());
        if (earlier != null) o.set("earlier", earlier.toJson());
        o.set("later", later.toJson());
        o.put("receivedAt", receivedAt.toString());
        return atRest.toStorage(key, Json.bytes(o));
    }

    private Entry decode(KeyValue kv) {
        JsonNode o = Json.parse(atRest.fromStorage(kv.key(), kv.value()).value());
        UsageReport earlier = o.has("earlier") ? UsageReport.fromJson(o.get("earlier")) : null;
        return new Entry(
                earlier,
                UsageReport.fromJson(o.get("later")),
                Instant.parse(o.path("receivedAt").asString("")),
                kv.modRevision());
    }

    private static Duration staleAfter(Entry e) {
        Duration three =
                Duration.between(e.earlier().timestamp(), e.later().timestamp()).multipliedBy(3);
        return three.compareTo(MIN_STALE) > 0 ? three : MIN_STALE;
    }
}
