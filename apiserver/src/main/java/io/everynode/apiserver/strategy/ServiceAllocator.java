package io.everynode.apiserver.strategy;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.api.validation.FieldError;
import io.everynode.apiserver.registry.Meta;
import io.everynode.apiserver.registry.WriteContext;
import io.everynode.apiserver.strategy.ServiceNetwork.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ClusterIPs and nodePorts for Services (upstream's service IP and node port allocators). What is
 * allocated is derived from the stored Services on every allocation, so a deleted Service's
 * addresses are free at once and the state survives a restart; the only memory kept is what a
 * write in progress holds between choosing an address and storing it (released by
 * {@link #release}), so two concurrent creates never pick the same one.
 *
 * <p>Threading: {@link #allocate} and {@link #release} are synchronized.
 */
final class ServiceAllocator {
    private final ServiceNetwork network;
    private final Cidr cidr;
    private final Random random;
    /** Address or port → uid of the Service whose write holds it. */
    private final Map<String, String> heldIps = new HashMap<>();

    private final Map<Integer, String> heldPorts = new HashMap<>();

    ServiceAllocator(ServiceNetwork network, Random random) {
        this.network = network;
        this.cidr = network.cidr();
        this.random = random;
    }

    /**
     * Gives {@code svc} a clusterIP and the nodePorts its type needs where it asks for none, and
     * checks those it asks for (outside the range, or taken by another Service: Invalid, with
     * upstream's messages). Values {@code old} (the stored version, on update) already had are
     * its own.
     */
    synchronized List<FieldError> allocate(ObjectNode svc, ObjectNode old, WriteContext.Lookup lookup) {
        List<FieldError> errs = new ArrayList<>();
        String uid = Json.text(Meta.of(svc), "uid");
        ObjectNode spec = Json.child(svc, "spec");
        Set<String> usedIps = new HashSet<>();
        Set<Integer> usedPorts = new HashSet<>();
        for (ObjectNode other : lookup.listConsistent(ResourceTypes.SERVICES, null)) {
            if (uid != null && uid.equals(Json.text(Meta.of(other), "uid"))) continue;
            usedIps.addAll(clusterIps(other));
            usedPorts.addAll(nodePorts(other));
        }
        heldIps.forEach((ip, holder) -> {
            if (!holder.equals(uid)) usedIps.add(ip);
        });
        heldPorts.forEach((port, holder) -> {
            if (!holder.equals(uid)) usedPorts.add(port);
        });
        String type = Json.text(spec, "type");
        if (!"ExternalName".equals(type)) clusterIp(errs, spec, old, usedIps, uid);
        if (needsNodePorts(spec)) nodePorts(errs, spec, old, usedPorts, uid);
        return errs;
    }

    /** Frees what the write of the Service with this uid held. */
    synchronized void release(String uid) {
        heldIps.values().removeIf(uid::equals);
        heldPorts.values().removeIf(uid::equals);
    }

    private void clusterIp(List<FieldError> errs, ObjectNode spec, ObjectNode old, Set<String> used, String uid) {
        String ip = Json.text(spec, "clusterIP");
        if (ip == null || ip.isEmpty()) {
            ip = freeIp(used);
            if (ip == null) {
                errs.add(FieldError.invalid(
                        "spec.clusterIPs", List.of(), "failed to allocate a serviceIP: range is full"));
                return;
            }
        } else if (!ip.equals("None") && !clusterIps(old).contains(ip)) {
            long offset = cidr.offset(ip);
            String why = null;
            if (offset <= 0 || offset >= cidr.size() - 1) {
                why = "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is "
                        + network.clusterIpRange();
            } else if (used.contains(ip)) {
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
            heldIps.put(ip, uid);
            spec.putArray("ipFamilies").add("IPv4");
            spec.put("ipFamilyPolicy", "SingleStack");
        }
    }

    private void nodePorts(List<FieldError> errs, ObjectNode spec, ObjectNode old, Set<Integer> used, String uid) {
        JsonNode ports = spec.path("ports");
        Set<Integer> before = nodePorts(old);
        Set<Integer> mine = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            if (!(ports.get(i) instanceof ObjectNode port)) continue;
            int np = port.path("nodePort").asInt(0);
            if (np == 0) {
                np = freePort(used, mine);
                if (np == 0) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort", 0, "failed to allocate a nodePort: range is full"));
                    continue;
                }
                port.put("nodePort", np);
            } else if (!before.contains(np)) {
                if (np < network.nodePortMin() || np > network.nodePortMax()) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort",
                            np,
                            "provided port is not in the valid range. The range of valid ports is "
                                    + network.nodePortRange()));
                    continue;
                }
                if (used.contains(np)) {
                    errs.add(FieldError.invalid(
                            "spec.ports[" + i + "].nodePort", np, "provided port is already allocated"));
                    continue;
                }
            }
            mine.add(np);
            heldPorts.put(np, uid);
        }
    }

    /** A random free address, never the network, broadcast or first (the kubernetes Service's) one. */
    private String freeIp(Set<String> used) {
        long first = 2;
        long count = cidr.size() - 3;
        long start = first + (long) (random.nextDouble() * count);
        for (long i = 0; i < count; i++) {
            String ip = cidr.address(first + (start - first + i) % count);
            if (!used.contains(ip) && !heldIps.containsKey(ip)) return ip;
        }
        return null;
    }

    private int freePort(Set<Integer> used, Set<Integer> mine) {
        int count = network.nodePortMax() - network.nodePortMin() + 1;
        int start = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = network.nodePortMin() + (start + i) % count;
            if (!used.contains(port) && !mine.contains(port) && !heldPorts.containsKey(port)) return port;
        }
        return 0;
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
