package io.everynode.agent.cni;

import io.everynode.agent.container.PodNetwork;
import io.everynode.agent.netns.Availability;
import io.everynode.agent.netns.NodeNetworks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One node's pod network on the standard CNI plugins (bridge with host-local IPAM, then portmap),
 * driven as a container runtime drives them. See the package documentation for names, addresses,
 * files and the machine-wide effects.
 *
 * <p>Thread-safe: calls for one pod are serialized, calls for different pods run at once (the
 * plugins lock their own shared state: host-local its lease directory, portmap iptables).
 */
public final class CniNetwork implements PodNetwork {
    private static final Logger log = LoggerFactory.getLogger(CniNetwork.class);

    private final CniSettings settings;
    private final String networkId;
    private final NetworkPlan plan;
    private final Path ipamDir;
    private final ObjectNode configList;
    private final PluginChain plugins;
    private final IpTool ip;
    private final AttachmentStore store;
    /** One lock object per pod ever seen; kept, so two threads never lock different objects for one pod. */
    private final ConcurrentHashMap<String, Object> podLocks = new ConcurrentHashMap<>();

    /**
     * The network of the node whose data directory is {@code settings.stateDir()}: takes the
     * Node's podCIDR, else the range recorded there by an earlier start, else claims a free /24.
     * Nothing else happens on the machine until the first {@link #attach} (the bridge plugin
     * makes the bridge then).
     */
    public static CniNetwork open(CniSettings settings) {
        CommandRunner runner = new ProcessCommandRunner();
        return new CniNetwork(settings, runner, new IpTool(runner, IpTool.find()));
    }

    CniNetwork(CniSettings settings, CommandRunner runner, IpTool ip) {
        this.settings = settings;
        this.ip = ip;
        Path cniDir = settings.stateDir().resolve("cni");
        try {
            Files.createDirectories(cniDir);
            this.networkId = settings.stateDir().toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + cniDir, e);
        }
        this.plan = NetworkPlan.of(networkId, range(settings, cniDir.resolve("range")));
        this.ipamDir = cniDir.resolve("ipam");
        this.configList = NetworkConfigList.of(plan, ipamDir, settings.ipMasq());
        this.plugins = new PluginChain(runner, settings.pluginDirs());
        this.store = new AttachmentStore(cniDir.resolve("pods"));
    }

    /**
     * Whether pods can have CNI networks here: what {@link NodeNetworks#check()} needs (Linux,
     * root, iproute2, namespaces that can be made and removed) and the bridge, host-local and
     * portmap plugins in one of the directories, each speaking CNI 1.0.0.
     */
    public static Availability check(List<Path> pluginDirs) {
        Availability netns = NodeNetworks.check();
        if (!netns.available()) {
            return netns;
        }
        PluginChain chain = new PluginChain(new ProcessCommandRunner(), pluginDirs);
        for (String type : List.of("bridge", "host-local", "portmap")) {
            try {
                if (!chain.supportedVersions(type).contains(NetworkConfigList.CNI_VERSION)) {
                    return Availability.no(
                            "the CNI plugin " + type + " does not speak CNI " + NetworkConfigList.CNI_VERSION);
                }
            } catch (RuntimeException e) {
                return Availability.no(e.getMessage());
            }
        }
        return Availability.yes();
    }

    /** The node's pod range, e.g. {@code 10.244.17.0/24} (for the Node's spec.podCIDR). */
    public String podCidr() {
        return plan.subnet();
    }

    /** The bridge's address in the host namespace: every pod's gateway. */
    public String gateway() {
        return plan.gateway();
    }

    /** The node's bridge in the host namespace, e.g. {@code cni1a2b3c4d}. */
    public String bridge() {
        return plan.bridge();
    }

    /** The name of the pod's namespace (whether or not it exists). */
    public String namespaceOf(String podUid) {
        return plan.namespace(podUid);
    }

    @Override
    public Attachment attach(String podUid, String namespace, String name, List<PortMapping> ports) {
        synchronized (lockOf(podUid)) {
            AttachmentStore.Entry known = store.read(podUid);
            if (known != null) {
                Attachment kept = reuse(known);
                if (kept != null) {
                    return kept;
                }
            }
            String netns = plan.namespace(podUid);
            if (ip.netnsExists(netns)) {
                // made by an attach that crashed before recording it: release what it may hold
                tearDown(new PluginChain.Pod(podUid, IpTool.netnsPath(netns), namespace, name, ports), null, netns);
            }
            try {
                ip.addNetns(netns);
            } catch (RuntimeException e) {
                ip.deleteNetns(netns);
                throw e;
            }
            PluginChain.Pod pod = new PluginChain.Pod(podUid, IpTool.netnsPath(netns), namespace, name, ports);
            JsonNode result;
            List<String> ips;
            try {
                result = plugins.add(configList, pod);
                ips = PluginResult.podIPs(result);
                if (ips.isEmpty()) {
                    throw new IllegalStateException(
                            "the CNI plugins gave pod " + namespace + "/" + name + " no address in its namespace");
                }
            } catch (RuntimeException e) {
                try {
                    tearDown(pod, null, netns);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                }
                throw e;
            }
            store.write(new AttachmentStore.Entry(podUid, namespace, name, netns, ports, result));
            return new Attachment(IpTool.netnsPath(netns), ips);
        }
    }

    @Override
    public void detach(String podUid) {
        synchronized (lockOf(podUid)) {
            AttachmentStore.Entry known = store.read(podUid);
            if (known == null) {
                String netns = plan.namespace(podUid);
                if (ip.netnsExists(netns)) {
                    tearDown(new PluginChain.Pod(podUid, IpTool.netnsPath(netns), "", "", List.of()), null, netns);
                }
                return;
            }
            tearDown(podOf(known), known.result(), known.netns());
            store.remove(podUid);
        }
    }

    /**
     * Removes the networks of pods that no longer exist: recorded attachments (DEL as for
     * {@link #detach}), namespaces of this node without a record, and host-local leases held by
     * no live pod (left by a crash between ADD and its record). Failures are logged and the rest
     * goes on; a later sweep tries again.
     *
     * @param livePodUids the pods this node still runs
     */
    @Override
    public void sweep(Set<String> livePodUids) {
        for (String uid : store.podUids()) {
            if (!livePodUids.contains(uid)) {
                try {
                    detach(uid);
                } catch (RuntimeException e) {
                    log.warn("cannot remove the network of gone pod {}: {}", uid, e.getMessage());
                }
            }
        }
        Set<String> keep = new HashSet<>();
        for (String uid : livePodUids) {
            keep.add(plan.namespace(uid));
        }
        for (String name : ip.netnsNames()) {
            if (name.startsWith(plan.namespacePrefix()) && !keep.contains(name)) {
                try {
                    ip.deleteNetns(name);
                } catch (RuntimeException e) {
                    log.warn("cannot remove leftover namespace {}: {}", name, e.getMessage());
                }
            }
        }
        removeStaleLeases(livePodUids);
    }

    /**
     * Removes every pod network of this node, its bridge and its range claim: for a node that
     * leaves the machine for good (and for tests). The recorded range stays in the data directory.
     */
    public void removeAll() {
        sweep(Set.of());
        ip.deleteLink(plan.bridge());
        PodRangeChoice.release(settings.claimsDir(), plan.subnet(), networkId);
    }

    /** The recorded attachment when its namespace is still there and CHECK passes; else tears it down. */
    private Attachment reuse(AttachmentStore.Entry known) {
        PluginChain.Pod pod = podOf(known);
        if (ip.netnsExists(known.netns())) {
            try {
                plugins.check(configList, pod, known.result());
                return new Attachment(IpTool.netnsPath(known.netns()), PluginResult.podIPs(known.result()));
            } catch (RuntimeException e) {
                log.warn(
                        "the network of pod {}/{} failed its check, making it again: {}",
                        known.namespace(),
                        known.name(),
                        e.getMessage());
            }
        }
        try {
            tearDown(pod, known.result(), known.netns());
        } catch (RuntimeException e) {
            log.warn(
                    "cannot fully remove the old network of pod {}/{}: {}",
                    known.namespace(),
                    known.name(),
                    e.getMessage());
        }
        store.remove(known.podUid());
        return null;
    }

    /** DEL through the list, then the namespace, which goes even when a plugin failed. */
    private void tearDown(PluginChain.Pod pod, JsonNode cached, String netns) {
        try {
            plugins.del(configList, pod, cached);
        } finally {
            ip.deleteNetns(netns);
        }
    }

    private PluginChain.Pod podOf(AttachmentStore.Entry e) {
        return new PluginChain.Pod(e.podUid(), IpTool.netnsPath(e.netns()), e.namespace(), e.name(), e.ports());
    }

    private void removeStaleLeases(Set<String> livePodUids) {
        Path leases = ipamDir.resolve(plan.networkName());
        if (!Files.isDirectory(leases)) {
            return;
        }
        Set<String> recorded = new HashSet<>(store.podUids());
        try (Stream<Path> files = Files.list(leases)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.equals("lock") || n.startsWith("last_reserved_ip")) {
                    continue;
                }
                String owner =
                        Files.readString(f).lines().findFirst().orElse("").strip();
                if (!livePodUids.contains(owner) && !recorded.contains(owner)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            log.warn("cannot sweep the address leases in {}: {}", leases, e.getMessage());
        }
    }

    private Object lockOf(String podUid) {
        return podLocks.computeIfAbsent(podUid, k -> new Object());
    }

    private String range(CniSettings s, Path rangeFile) {
        if (s.podCidr() != null && !s.podCidr().isBlank()) {
            return s.podCidr();
        }
        try {
            if (Files.isRegularFile(rangeFile)) {
                String kept = Files.readString(rangeFile).strip();
                PodRangeChoice.reclaim(s.claimsDir(), kept, networkId);
                return kept;
            }
            String chosen = PodRangeChoice.choose(networkId, ip.takenPrefixes(), s.claimsDir());
            Files.writeString(rangeFile, chosen + "\n");
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the pod range in " + rangeFile, e);
        }
    }
}
