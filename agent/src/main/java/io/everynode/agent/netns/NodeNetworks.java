package io.everynode.agent.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One network namespace per node of a cluster on this machine (Linux, root, iproute2).
 *
 * <p>Usage: {@link #check()} first; when unavailable, print its reason as a warning and run the
 * nodes in the host network. Otherwise {@code new NodeNetworks(clusterId)} (or
 * {@link #forDataDir}), {@link #create} per node, start processes through
 * {@link NodeNetwork#launchPrefix()}, and {@link #close()} at shutdown.
 *
 * <p>Stability: the names come from the cluster id alone, and node {@code i} is the i-th distinct
 * node name given to {@link #create}; a resumed cluster that creates its nodes in the same order
 * gets the same namespaces and the same IPs (unless its /24 came to clash with a route of the
 * machine meanwhile). The first {@code create} removes everything this cluster id left behind
 * (a crash, a kill -9) before building anything.
 *
 * <p>Thread-safe: methods synchronize on this object. Not usable after {@link #close()}.
 */
public final class NodeNetworks implements AutoCloseable {
    private final IpCommand ip;
    private final String clusterId;
    private NetnsPlan plan;
    /** Node name to index, in order of first create; kept after a node's close so it keeps its IP. */
    private final Map<String, Integer> indexes = new LinkedHashMap<>();

    private final Map<String, NodeNetwork> open = new LinkedHashMap<>();
    private boolean bridgeUp;
    private boolean closed;

    /**
     * Networks for the cluster with this id; nothing happens on the machine until {@link #create}.
     *
     * @throws IllegalStateException when the machine has no {@code ip} command
     */
    public NodeNetworks(String clusterId) {
        this(requireIp(), clusterId);
    }

    NodeNetworks(IpCommand ip, String clusterId) {
        if (clusterId == null || clusterId.isEmpty()) {
            throw new IllegalArgumentException("cluster id must not be empty");
        }
        this.ip = ip;
        this.clusterId = clusterId;
        this.plan = NetnsPlan.of(clusterId);
    }

    /**
     * Networks for the cluster kept in this data directory: the cluster id is the directory's
     * real path, so {@code up} resuming on the same directory gets the same names and IPs.
     */
    public static NodeNetworks forDataDir(Path dataDir) {
        return new NodeNetworks(clusterIdOf(dataDir));
    }

    /** The cluster id {@link #forDataDir} uses for this directory. */
    public static String clusterIdOf(Path dataDir) {
        Path p = dataDir.toAbsolutePath().normalize();
        try {
            if (Files.exists(p)) {
                p = p.toRealPath();
            }
        } catch (IOException e) {
            // keep the absolute path: it names the same directory as long as no link moves
        }
        return p.toString();
    }

    /**
     * Whether this machine can run node networks: Linux, effective root, an {@code ip} command,
     * and a probe namespace, bridge and veth pair can actually be created and deleted. Takes a
     * few {@code ip} runs; leaves nothing behind.
     */
    public static Availability check() {
        if (!System.getProperty("os.name", "").toLowerCase().startsWith("linux")) {
            return Availability.no("network namespaces need Linux; this is " + System.getProperty("os.name"));
        }
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return Availability.no("cannot read /proc/self/status: " + e.getMessage());
        }
        SystemIp ip = SystemIp.find();
        return NetnsProbe.check(ip, status, ProcessHandle.current().pid());
    }

    /** The id this object was made with. */
    public String clusterId() {
        return clusterId;
    }

    /**
     * The namespace of this node, made on first call (with the cluster bridge, after removing
     * this cluster's leftovers); a second call for a node whose network is open returns it.
     *
     * @throws IllegalStateException when an {@code ip} step fails (what was built for this node
     *     is removed again) or more than 253 nodes are asked for
     */
    public synchronized NodeNetwork create(String nodeName) {
        if (closed) {
            throw new IllegalStateException("node networks of " + clusterId + " are closed");
        }
        NodeNetwork existing = open.get(nodeName);
        if (existing != null) {
            return existing;
        }
        Integer index = indexes.get(nodeName);
        if (index == null) {
            if (indexes.size() >= NetnsPlan.MAX_NODES) {
                throw new IllegalStateException("at most " + NetnsPlan.MAX_NODES + " node networks per cluster");
            }
            index = indexes.size() + 1;
        }
        if (!bridgeUp) {
            removeLeftovers();
            chooseSubnet();
            build(NetnsSteps.bridgeUp(plan), NetnsSteps.bridgeDown(plan), "bridge " + plan.bridge());
            bridgeUp = true;
        }
        build(NetnsSteps.nodeUp(plan, index), NetnsSteps.nodeDown(plan, index), "namespace " + plan.namespace(index));
        indexes.put(nodeName, index);
        NodeNetwork n = new NodeNetwork(this, nodeName, index, plan);
        open.put(nodeName, n);
        return n;
    }

    /** The open node networks, in order of creation. */
    public synchronized List<NodeNetwork> networks() {
        return List.copyOf(open.values());
    }

    /** Removes every namespace, veth pair and the bridge this object made; idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        for (NodeNetwork n : new ArrayList<>(open.values())) {
            remove(n);
        }
        if (bridgeUp) {
            runAll(NetnsSteps.bridgeDown(plan));
            bridgeUp = false;
        }
    }

    synchronized void remove(NodeNetwork n) {
        if (open.get(n.nodeName()) != n) {
            return;
        }
        runAll(NetnsSteps.nodeDown(plan, n.index()));
        open.remove(n.nodeName());
    }

    /** Namespaces and host links of this cluster id, from any earlier run. */
    private void removeLeftovers() {
        IpCommand.Result links = ip.run(List.of("-o", "link", "show"));
        if (links.ok()) {
            List<String> ours = new ArrayList<>();
            for (String line : links.output().split("\n")) {
                String[] t = line.trim().split("\\s+");
                if (t.length > 1) {
                    String name = t[1].replaceFirst(":$", "").replaceFirst("@.*$", "");
                    if (plan.ownsLink(name)) {
                        ours.add(name);
                    }
                }
            }
            // veth ends before the bridge, so the bridge goes last and no port dangles
            ours.sort((a, b) -> Boolean.compare(a.equals(plan.bridge()), b.equals(plan.bridge())));
            for (String name : ours) {
                ip.run(List.of("link", "delete", name));
            }
        }
        IpCommand.Result namespaces = ip.run(List.of("netns", "list"));
        if (namespaces.ok()) {
            for (String line : namespaces.output().split("\n")) {
                String name = line.trim().split("\\s+")[0];
                if (plan.ownsNamespace(name)) {
                    ip.run(List.of("netns", "delete", name));
                }
            }
        }
    }

    private void chooseSubnet() {
        List<String> taken = new ArrayList<>();
        IpCommand.Result addrs = ip.run(List.of("-4", "-o", "addr", "show"));
        if (addrs.ok()) {
            taken.addAll(SubnetChoice.fromAddresses(addrs.output()));
        }
        IpCommand.Result routes = ip.run(List.of("-4", "route", "show", "table", "all"));
        if (routes.ok()) {
            taken.addAll(SubnetChoice.fromRoutes(routes.output()));
        }
        int octet = SubnetChoice.choose(plan.octet(), taken);
        if (octet < 0) {
            throw new IllegalStateException("no free /24 left in " + NetnsPlan.NETWORK + " on this machine");
        }
        plan = plan.withOctet(octet);
    }

    private void build(List<List<String>> steps, List<List<String>> undo, String what) {
        for (List<String> step : steps) {
            IpCommand.Result r = ip.run(step);
            if (!r.ok()) {
                runAll(undo);
                throw new IllegalStateException(
                        "cannot create " + what + ": ip " + String.join(" ", step) + ": " + r.output());
            }
        }
    }

    private void runAll(List<List<String>> steps) {
        for (List<String> step : steps) {
            ip.run(step);
        }
    }

    private static IpCommand requireIp() {
        SystemIp ip = SystemIp.find();
        if (ip == null) {
            throw new IllegalStateException("the ip command (iproute2) is not installed");
        }
        return ip;
    }
}
