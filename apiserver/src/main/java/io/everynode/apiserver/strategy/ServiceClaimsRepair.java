package io.everynode.apiserver.strategy;

import io.everynode.apiserver.strategy.ServiceClaims.IpClaim;
import io.everynode.apiserver.strategy.ServiceClaims.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the claims ({@link ServiceClaims}) agree with the stored Services, as upstream's
 * ipallocator and portallocator repair controllers do: at server start and every
 * {@link #INTERVAL}.
 *
 * <ul>
 *   <li>A Service's clusterIP without an IPAddress gets one (stores from before claims existed
 *       keep their addresses); an address claimed for another Service is logged, not changed.</li>
 *   <li>An IPAddress this allocator wrote whose Service is gone, or no longer holds the
 *       address, is deleted once it is older than {@link #ORPHAN_GRACE}: a create claims the
 *       address before it stores the Service, so a younger one may be a create in progress
 *       (upstream's 60 s).</li>
 *   <li>A Service's nodePort missing from the bitmap is set; a bit no Service holds is cleared
 *       only after {@link #LEAK_PASSES} passes in a row saw it so (upstream's
 *       numRepairsBeforeLeakCleanup), for the same reason.</li>
 * </ul>
 *
 * Every API server runs it, as every kube-apiserver runs its repair loops: each step is a
 * single-key compare-and-swap or an idempotent create, and the two waits above keep a pass from
 * undoing another server's write in progress, so passes of several servers do not fight.
 *
 * <p>Threading: one daemon thread runs the passes; {@link #runOnce} may also be called directly
 * (tests) but not concurrently with it.
 */
public final class ServiceClaimsRepair implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceClaimsRepair.class);
    /** Upstream's repair interval for service addresses and ports. */
    public static final Duration INTERVAL = Duration.ofMinutes(3);

    static final Duration ORPHAN_GRACE = Duration.ofSeconds(60);
    static final int LEAK_PASSES = 3;

    private final Supplier<Collection<ObjectNode>> services;
    private final ServiceClaims claims;
    private final Clock clock;
    /** Port → passes in a row that found it set with no Service holding it. */
    private final Map<Integer, Integer> leaks = new HashMap<>();

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "service-claims-repair");
        t.setDaemon(true);
        return t;
    });

    /** @param services a consistent list of the stored Services */
    public ServiceClaimsRepair(Supplier<Collection<ObjectNode>> services, ServiceClaims claims, Clock clock) {
        this.services = services;
        this.claims = claims;
        this.clock = clock;
    }

    /** Runs a pass now, then every {@link #INTERVAL}, until closed. */
    public void start() {
        thread.scheduleWithFixedDelay(
                () -> {
                    try {
                        runOnce();
                    } catch (RuntimeException e) {
                        LOG.warn(
                                "repair of Service address claims failed, next pass in {}: {}", INTERVAL, e.toString());
                    }
                },
                0,
                INTERVAL.toSeconds(),
                TimeUnit.SECONDS);
    }

    /** What a pass changed. */
    record Report(List<String> ipsClaimed, List<String> ipsFreed, Set<Integer> portsSet, Set<Integer> portsFreed) {}

    /** One pass. Services are listed before the claims, so a claim a create makes meanwhile looks young, never missing. */
    Report runOnce() {
        Map<String, String> ipOwner = new HashMap<>(); // address → "namespace/name" of the Service holding it
        Set<Integer> heldPorts = new HashSet<>();
        List<ObjectNode> listed = new ArrayList<>(services.get());
        for (ObjectNode svc : listed) {
            String owner = svc.path("metadata").path("namespace").asString("") + "/"
                    + svc.path("metadata").path("name").asString("");
            for (String ip : ServiceAllocator.clusterIps(svc)) ipOwner.putIfAbsent(ip, owner);
            heldPorts.addAll(ServiceAllocator.nodePorts(svc));
        }
        List<String> claimed = repairIps(listed, ipOwner);
        List<String> freed = removeOrphans(ipOwner);
        Set<Integer> set = new TreeSet<>();
        Set<Integer> cleared = new TreeSet<>();
        repairPorts(heldPorts, set, cleared);
        if (!claimed.isEmpty() || !freed.isEmpty() || !set.isEmpty() || !cleared.isEmpty()) {
            LOG.info(
                    "repaired Service address claims: IPAddresses created {}, removed {}; nodePorts set {}, freed {}",
                    claimed,
                    freed,
                    set,
                    cleared);
        }
        return new Report(claimed, freed, set, cleared);
    }

    private List<String> repairIps(List<ObjectNode> listed, Map<String, String> ipOwner) {
        Set<String> present = claims.claimedIps();
        List<String> claimed = new ArrayList<>();
        for (ObjectNode svc : listed) {
            String ns = svc.path("metadata").path("namespace").asString("");
            String name = svc.path("metadata").path("name").asString("");
            for (String ip : ServiceAllocator.clusterIps(svc)) {
                if (present.contains(ip)) continue;
                Outcome outcome = claims.claimIp(ip, ns, name);
                if (outcome == Outcome.CLAIMED) claimed.add(ip);
                else if (outcome == Outcome.TAKEN)
                    LOG.warn("clusterIP {} of Service {}/{} is claimed by {} as well", ip, ns, name, ipOwner.get(ip));
            }
        }
        return claimed;
    }

    private List<String> removeOrphans(Map<String, String> ipOwner) {
        Instant now = clock.instant();
        List<String> freed = new ArrayList<>();
        for (IpClaim c : claims.ipClaims()) {
            if (!c.managed()) continue; // someone else's object: not ours to judge
            boolean holds = c.group().isEmpty()
                    && c.resource().equals("services")
                    && (c.namespace() + "/" + c.name()).equals(ipOwner.get(c.ip()));
            if (holds || c.created().plus(ORPHAN_GRACE).isAfter(now)) continue;
            claims.removeIpClaim(c);
            freed.add(c.ip());
        }
        return freed;
    }

    private void repairPorts(Set<Integer> held, Set<Integer> set, Set<Integer> cleared) {
        PortAllocation bitmap = claims.readPorts();
        Set<Integer> taken = bitmap.ports();
        for (int p : held) if (!taken.contains(p) && p >= bitmap.min() && p <= bitmap.max()) set.add(p);
        leaks.keySet().retainAll(taken);
        for (int p : taken) {
            if (held.contains(p)) {
                leaks.remove(p);
            } else if (leaks.merge(p, 1, Integer::sum) >= LEAK_PASSES) {
                cleared.add(p);
            }
        }
        if (set.isEmpty() && cleared.isEmpty()) return;
        if (claims.writePorts(bitmap.with(set, cleared))) {
            cleared.forEach(leaks::remove);
        } else {
            set.clear(); // a Service write came first: the next pass looks again
            cleared.clear();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
