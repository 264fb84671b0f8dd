package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.encryption.ValueTransformer;
import io.everynode.apiserver.registry.Meta;
import io.everynode.store.ConflictException;
import io.everynode.store.KeyExistsException;
import io.everynode.store.KeyNotFoundException;
import io.everynode.store.KeyValue;
import io.everynode.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ServiceClaims} on the {@link Store} every API server shares. IPAddress objects are
 * written at {@code ResourceTypes.IP_ADDRESSES}' keys in the form the API serves them (so
 * {@code kubectl get ipaddresses} lists them, through the watch cache like any object), with
 * upstream's labels ({@code ipaddress.kubernetes.io/managed-by: ipallocator.k8s.io},
 * {@code ipaddress.kubernetes.io/ip-family: IPv4}); the nodePorts live in one value at
 * {@link #PORTS_KEY}, outside every API resource's keys.
 *
 * <p>Threading: stateless; every method is one read and at most one compare-and-swap write.
 */
public final class StoreServiceClaims implements ServiceClaims {
    /** Upstream's key for the node port bitmap; not an API object's key (no resource lists it). */
    public static final String PORTS_KEY = "/registry/ranges/servicenodeports";

    static final String MANAGED_BY = "ipaddress.kubernetes.io/managed-by";
    static final String ALLOCATOR = "ipallocator.k8s.io";
    static final String FAMILY = "ipaddress.kubernetes.io/ip-family";

    private final Store store;
    private final ValueTransformer transformer;
    private final Clock clock;
    private final ServiceNetwork network;

    /** @param transformer the API server's encryption at rest, which IPAddress objects go through like any object */
    public StoreServiceClaims(Store store, ValueTransformer transformer, Clock clock, ServiceNetwork network) {
        this.store = store;
        this.transformer = transformer;
        this.clock = clock;
        this.network = network;
    }

    private static String key(String ip) {
        return ResourceTypes.IP_ADDRESSES.key(null, ip);
    }

    @Override
    public Outcome claimIp(String ip, String namespace, String name) {
        ObjectNode o = Json.object();
        o.put("apiVersion", ResourceTypes.IP_ADDRESSES.apiVersion());
        o.put("kind", ResourceTypes.IP_ADDRESSES.kind());
        ObjectNode meta = o.putObject("metadata");
        meta.put("name", ip);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Meta.time(clock.instant()));
        meta.putObject("labels").put(FAMILY, "IPv4").put(MANAGED_BY, ALLOCATOR);
        o.putObject("spec")
                .putObject("parentRef")
                .put("group", "")
                .put("resource", "services")
                .put("namespace", namespace)
                .put("name", name);
        try {
            store.create(key(ip), transformer.toStorage(key(ip), Json.bytes(o)));
            return Outcome.CLAIMED;
        } catch (KeyExistsException e) {
            Optional<IpClaim> there = read(ip);
            // gone again in between: taken a moment ago, so count it as taken; the caller picks another
            return there.isPresent() && there.get().heldBy(namespace, name) ? Outcome.HELD_BY_SAME : Outcome.TAKEN;
        }
    }

    @Override
    public void releaseIp(String ip, String namespace, String name) {
        read(ip).filter(c -> c.heldBy(namespace, name)).ifPresent(this::removeIpClaim);
    }

    @Override
    public Set<String> claimedIps() {
        String prefix = ResourceTypes.IP_ADDRESSES.listPrefix(null);
        Set<String> out = new TreeSet<>();
        for (KeyValue kv : store.list(prefix, 0).items()) out.add(kv.key().substring(prefix.length()));
        return out;
    }

    @Override
    public List<IpClaim> ipClaims() {
        List<IpClaim> out = new ArrayList<>();
        for (KeyValue kv :
                store.list(ResourceTypes.IP_ADDRESSES.listPrefix(null), 0).items()) out.add(decode(kv));
        return out;
    }

    @Override
    public void removeIpClaim(IpClaim claim) {
        try {
            store.delete(key(claim.ip()), claim.revision());
        } catch (ConflictException | KeyNotFoundException e) {
            // rewritten or removed since it was read: no longer this claim
        }
    }

    private Optional<IpClaim> read(String ip) {
        return store.get(key(ip)).map(this::decode);
    }

    private IpClaim decode(KeyValue kv) {
        JsonNode o = Json.parse(transformer.fromStorage(kv.key(), kv.value()).value());
        JsonNode meta = o.path("metadata");
        JsonNode ref = o.path("spec").path("parentRef");
        Instant created = Meta.parseTime(meta.path("creationTimestamp").asString(""));
        return new IpClaim(
                meta.path("name").asString(""),
                ref.path("group").asString(""),
                ref.path("resource").asString(""),
                ref.path("namespace").asString(""),
                ref.path("name").asString(""),
                created == null ? Instant.EPOCH : created,
                ALLOCATOR.equals(meta.path("labels").path(MANAGED_BY).asString("")),
                kv.modRevision());
    }

    @Override
    public PortAllocation readPorts() {
        return store.get(PORTS_KEY)
                .map(kv -> {
                    JsonNode o = Json.parse(kv.value());
                    return PortAllocation.parse(
                                    o.path("range").asString(""), o.path("data").asString(""), kv.modRevision())
                            .over(network.nodePortMin(), network.nodePortMax());
                })
                .orElseGet(() -> PortAllocation.empty(network.nodePortMin(), network.nodePortMax()));
    }

    @Override
    public boolean writePorts(PortAllocation next) {
        ObjectNode o = Json.object();
        o.put("apiVersion", "v1");
        o.put("kind", "RangeAllocation");
        o.putObject("metadata").put("name", "servicenodeports");
        o.put("range", next.range());
        o.put("data", next.data());
        try {
            if (next.revision() == 0) store.create(PORTS_KEY, Json.bytes(o));
            else store.update(PORTS_KEY, Json.bytes(o), next.revision());
            return true;
        } catch (KeyExistsException | ConflictException | KeyNotFoundException e) {
            return false;
        }
    }
}
