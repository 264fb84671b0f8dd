package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import io.everynode.apiserver.registry.WriteEffects;
import io.everynode.apiserver.strategy.ServiceClaims.Outcome;
import io.everynode.apiserver.strategy.ServiceNetwork.Cidr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ClusterIPs and nodePorts for Services (upstream's service IP and node port allocators), safe
 * across several API servers on one store: every value a Service gets is claimed in the store
 * ({@link ServiceClaims}: an IPAddress object per address, a compare-and-swap bitmap of ports)
 * before the Service is stored, so of two servers that pick one address at the same instant only
 * one wins it; the other picks again, or, for an address the client asked for, answers upstream's
 * "provided IP is already allocated".
 *
 * <p>A pick also avoids what the stored Services hold (a store from before claims existed has
 * Services without them, until {@link ServiceClaimsRepair} writes theirs). What a write claimed is
 * given back if nothing is stored; what an update leaves behind is given back once it is stored;
 * a delete gives back everything ({@link #release}). A dry run checks and picks but claims nothing.
 *
 * <p>Threading: no state of its own; safe from any request thread.
 */
final class ServiceAllocator {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceAllocator.class);
    /**
     * Picks of a free address lost before giving up. Each loss means another write claimed that
     * address meanwhile, so the cluster as a whole makes progress; the bound only stops a write
     * from spinning under a storm of creates.
     */
    private static final int IP_TRIES = 64;
    /** Compare-and-swap rounds on the port bitmap before giving up; each loss is another write that won. */
    private static final int PORT_TRIES = 64;

    private final ServiceNetwork network;
    private final Cidr cidr;
    private final ServiceClaims claims;
    private final Random random;

    ServiceAllocator(ServiceNetwork network, ServiceClaims claims, Random random) {
        this.network = network;
        this.cidr = network.cidr();
        this.claims = claims;
        this.random = random;
    }

    /**
     * Gives {@code svc} a clusterIP and the nodePorts its type needs where it asks for none,
     * checks and claims those it asks for (outside the range, or taken: Invalid, with upstream's
     * messages), and registers in {@code ctx.effects()} how to keep or give back what it claimed.
     * Values {@code old} (the stored version, on update) already had are its own.
     */
    List<FieldError> allocate(ObjectNode svc, ObjectNode old, WriteContext ctx) {
        List<FieldError> errs = new ArrayList<>();
        String uid = Json.text(Meta.of(svc), "uid");
        String namespace = Json.text(Meta.of(svc), "namespace");
        String name = Json.text(Meta.of(svc), "name");
        ObjectNode spec = Json.child(svc, "spec");
        Set<String> serviceIps = new HashSet<>();
        Set<Integer> servicePorts = new HashSet<>();
        for (ObjectNode other : ctx.lookup().listConsistent(ResourceTypes.SERVICES, null)) {
            if (uid != null && uid.equals(Json.text(Meta.of(other), "uid"))) continue;
            serviceIps.addAll(clusterIps(other));
            servicePorts.addAll(nodePorts(other));
        }
        Taken taken = new Taken(namespace, name, clusterIps(old), nodePorts(old));
        if (!ctx.dryRun()) ctx.effects().add(taken);
        String type = Json.text(spec, "type");
        if (!"ExternalName".equals(type)) clusterIp(errs, spec, taken, serviceIps, ctx.dryRun());
        if (errs.isEmpty() && needsNodePorts(spec)) nodePorts(errs, spec, taken, servicePorts, ctx.dryRun());
        return errs;
    }

    /** Gives back everything a Service that left the store held. Never throws. */
    void release(ObjectNode svc) {
        JsonNode meta = svc.path("metadata");
        new Taken(meta.path("namespace").asString(""), meta.path("name").asString(""), Set.of(), Set.of())
                .giveBack(clusterIps(svc), nodePorts(svc));
    }

    private void clusterIp(List<FieldError> errs, ObjectNode spec, Taken taken, Set<String> serviceIps, boolean dry) {
        String ip = Json.text(spec, "clusterIP");
        if (ip == null || ip.isEmpty()) {
            ip = pickIp(taken, serviceIps, dry);
            if (ip == null) {
                errs.add(FieldError.invalid(
                        "spec.clusterIPs", List.of(), "failed to allocate a serviceIP: range is full"));
                return;
            }
        } else if (!ip.equals("None") && !taken.oldIps.contains(ip)) {
            long offset = cidr.offset(ip);
            String why = null;
            if (offset <= 0 || offset >= cidr.size() - 1) {
                why = "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is "
                        + network.clusterIpRange();
            } else if (serviceIps.contains(ip) || !claim(ip, taken, dry)) {
                why = "provided IP is already allocated";
            }
            if (why != null) {
                errs.add(
                        FieldError.invalid("spec.clusterIPs", List.of(ip), "failed to allocate IP " + ip + ": " + why));
                return;
            }
        }
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        if (!ip.equals("None")) {
            spec.putArray("ipFamilies").add("IPv4");
            spec.put("ipFamilyPolicy", "SingleStack");
        }
    }

    /** Whether {@code ip} is this Service's now (claimed, or already its own); a dry run only looks. */
    private boolean claim(String ip, Taken taken, boolean dry) {
        if (dry) return !claims.claimedIps().contains(ip);
        Outcome outcome = claims.claimIp(ip, taken.namespace, taken.name);
        if (outcome == Outcome.CLAIMED) taken.ips.add(ip);
        return outcome != Outcome.TAKEN;
    }

    /** A random free address, never the network, broadcast or first (the kubernetes Service's) one. */
    private String pickIp(Taken taken, Set<String> serviceIps, boolean dry) {
        Set<String> used = new HashSet<>(serviceIps);
        used.addAll(claims.claimedIps());
        for (int attempt = 0; attempt < IP_TRIES; attempt++) {
            String ip = freeIp(used);
            if (ip == null) return null;
            if (claim(ip, taken, dry)) return ip;
            used.add(ip); // another server won it a moment ago
        }
        return null;
    }

    private String freeIp(Set<String> used) {
        long first = 2;
        long count = cidr.size() - 3;
        long start = first + (long) (random.nextDouble() * count);
        for (long i = 0; i < count; i++) {
            String ip = cidr.address(first + (start - first + i) % count);
            if (!used.contains(ip)) return ip;
        }
        return null;
    }

    private void nodePorts(
            List<FieldError> errs, ObjectNode spec, Taken taken, Set<Integer> servicePorts, boolean dry) {
        ArrayNode asked = spec.path("ports") instanceof ArrayNode a ? a.deepCopy() : Json.array();
        for (int attempt = 0; attempt < PORT_TRIES; attempt++) {
            PortAllocation bitmap = claims.readPorts();
            ArrayNode ports = asked.deepCopy();
            Set<Integer> wanted = new LinkedHashSet<>();
            List<FieldError> found = choosePorts(ports, taken, servicePorts, bitmap, wanted);
            if (!found.isEmpty()) {
                errs.addAll(found);
                return;
            }
            if (dry || wanted.isEmpty() || claims.writePorts(bitmap.with(wanted, Set.of()))) {
                if (!dry) taken.ports.addAll(wanted);
                spec.set("ports", ports);
                return;
            }
        }
        errs.add(FieldError.invalid(
                "spec.ports", List.of(), "failed to allocate a nodePort: too many concurrent allocations"));
    }

    /**
     * The decision of one round: fills in {@code ports}' missing nodePorts from what is free in
     * {@code bitmap}, checks the ones asked for, and collects in {@code wanted} those to claim.
     */
    private List<FieldError> choosePorts(
            ArrayNode ports, Taken taken, Set<Integer> servicePorts, PortAllocation bitmap, Set<Integer> wanted) {
        List<FieldError> errs = new ArrayList<>();
        Set<Integer> mine = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof ObjectNode port)) continue;
            int np = port.path("nodePort").asInt(0);
            if (np == 0) {
                np = freePort(p -> servicePorts.contains(p) || bitmap.taken(p) || mine.contains(p));
                if (np == 0) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort", 0, "failed to allocate a nodePort: range is full"));
                    continue;
                }
                port.put("nodePort", np);
                wanted.add(np);
            } else if (!taken.oldPorts.contains(np) && !mine.contains(np)) {
                if (np < network.nodePortMin() || np > network.nodePortMax()) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort",
                            np,
                            "provided port is not in the valid range. The range of valid ports is "
                                    + network.nodePortRange()));
                    continue;
                }
                if (servicePorts.contains(np) || bitmap.taken(np)) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort", np, "provided port is already allocated"));
                    continue;
                }
                wanted.add(np);
            }
            mine.add(np);
        }
        return errs;
    }

    private int freePort(java.util.function.IntPredicate used) {
        int count = network.nodePortMax() - network.nodePortMin() + 1;
        int start = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = network.nodePortMin() + (start + i) % count;
            if (!used.test(port)) return port;
        }
        return 0;
    }

    /**
     * What one write claimed for the Service {@code namespace/name}, and what its stored version
     * held before ({@code oldIps}, {@code oldPorts}): kept when the write is stored, with what the
     * new version no longer uses given back; given back when nothing was stored.
     */
    private final class Taken implements WriteEffects.Effect {
        final String namespace;
        final String name;
        final Set<String> oldIps;
        final Set<Integer> oldPorts;
        final Set<String> ips = new LinkedHashSet<>();
        final Set<Integer> ports = new LinkedHashSet<>();

        Taken(String namespace, String name, Set<String> oldIps, Set<Integer> oldPorts) {
            this.namespace = namespace;
            this.name = name;
            this.oldIps = oldIps;
            this.oldPorts = oldPorts;
        }

        @Override
        public void stored(ObjectNode obj) {
            Set<String> staleIps = new HashSet<>(oldIps);
            staleIps.addAll(ips);
            staleIps.removeAll(clusterIps(obj));
            Set<Integer> stalePorts = new HashSet<>(oldPorts);
            stalePorts.addAll(ports);
            stalePorts.removeAll(nodePorts(obj));
            giveBack(staleIps, stalePorts);
        }

        @Override
        public void abandoned() {
            giveBack(ips, ports);
        }

        void giveBack(Set<String> ipsToFree, Set<Integer> portsToFree) {
            try {
                for (String ip : ipsToFree) claims.releaseIp(ip, namespace, name);
                if (portsToFree.isEmpty()) return;
                for (int attempt = 0; attempt < PORT_TRIES; attempt++) {
                    PortAllocation bitmap = claims.readPorts();
                    if (claims.writePorts(bitmap.with(Set.of(), portsToFree))) return;
                }
                LOG.warn("could not free nodePorts {} of {}/{}: the repair pass will", portsToFree, namespace, name);
            } catch (RuntimeException e) {
                // the store is unreachable: the repair pass frees what is left over
                LOG.warn("could not free the addresses of {}/{}: {}", namespace, name, e.toString());
            }
        }
    }

    static boolean needsNodePorts(JsonNode spec) {
        String type = spec.path("type").asString("");
        return type.equals("NodePort")
                || (type.equals("LoadBalancer")
                        && spec.path("allocateLoadBalancerNodePorts").asBoolean(true));
    }

    static Set<String> clusterIps(JsonNode svc) {
        Set<String> out = new HashSet<>();
        if (svc == null) return out;
        JsonNode spec = svc.path("spec");
        if ("ExternalName".equals(spec.path("type").asString(""))) return out;
        String ip = spec.path("clusterIP").asString("");
        if (!ip.isEmpty() && !ip.equals("None")) out.add(ip);
        for (JsonNode n : spec.path("clusterIPs")) {
            String s = n.asString("");
            if (!s.isEmpty() && !s.equals("None")) out.add(s);
        }
        return out;
    }

    static Set<Integer> nodePorts(JsonNode svc) {
        Set<Integer> out = new HashSet<>();
        if (svc == null || !needsNodePorts(svc.path("spec"))) return out;
        for (JsonNode p : svc.path("spec").path("ports")) {
            int np = p.path("nodePort").asInt(0);
            if (np > 0) out.add(np);
        }
        return out;
    }
}
