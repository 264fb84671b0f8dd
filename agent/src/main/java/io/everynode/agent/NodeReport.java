package io.everynode.agent;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Node, node status and Lease an agent writes, as pure functions of its config and the time. */
final class NodeReport {
    static final String LEASE_NAMESPACE = "kube-node-lease";
    static final String KUBELET_VERSION = "v1.35.2";

    /** The four conditions the kubelet posts, with the status meaning "healthy" and its reason and message. */
    private record Healthy(String type, String status, String reason, String message) {}

    private static final List<Healthy> CONDITIONS = List.of(
            new Healthy(
                    "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            new Healthy("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            new Healthy("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            new Healthy("Ready", "True", "KubeletReady", "kubelet is posting ready status"));
    /** MemoryPressure while the eviction manager sees available memory below its threshold (R9.4, R10.1). */
    private static final Healthy MEMORY_PRESSURE = new Healthy(
            "MemoryPressure", "True", "KubeletHasInsufficientMemory", "kubelet has insufficient memory available");

    private NodeReport() {}

    /** The labels the agent owns on its Node: the well-known ones, the runtime's, then the given ones. */
    static Map<String, String> labels(AgentConfig config, ContainerRuntime runtime) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put(AgentConfig.LABEL_HOSTNAME, config.nodeName());
        l.put(AgentConfig.LABEL_OS, "linux");
        l.put(AgentConfig.LABEL_ARCH, arch());
        l.put("beta.kubernetes.io/os", "linux");
        l.put("beta.kubernetes.io/arch", arch());
        l.put(AgentConfig.LABEL_RUNTIME, runtime.name());
        l.putAll(config.labels());
        return l;
    }

    /** The Node to create at registration: labels and taints, no status (that is a subresource). */
    static Node node(AgentConfig config, ContainerRuntime runtime) {
        return new NodeBuilder()
                .withNewMetadata()
                .withName(config.nodeName())
                .withLabels(labels(config, runtime))
                .endMetadata()
                .withNewSpec()
                .withTaints(config.taints().isEmpty() ? null : config.taints())
                .endSpec()
                .build();
    }

    /**
     * The full status: capacity, allocatable, addresses, nodeInfo and the four conditions with a
     * heartbeat of {@code now}; each condition keeps its transition time from {@code previous}
     * while its status is unchanged. The addresses (InternalIP {@code config.hostIP()}, Hostname
     * the node's name) and {@code daemonEndpoints.kubeletEndpoint.Port} (the log endpoint's port,
     * 0 when there is none) are where the API server fetches logs, as the kubelet reports its own.
     */
    static NodeStatus status(AgentConfig config, ContainerRuntime runtime, List<NodeCondition> previous, Instant now) {
        return status(config, runtime, previous, now, false, 0);
    }

    /** The full status, with MemoryPressure True (KubeletHasInsufficientMemory) when {@code memoryPressure}. */
    static NodeStatus status(
            AgentConfig config,
            ContainerRuntime runtime,
            List<NodeCondition> previous,
            Instant now,
            boolean memoryPressure) {
        return status(config, runtime, previous, now, memoryPressure, 0);
    }

    static NodeStatus status(
            AgentConfig config,
            ContainerRuntime runtime,
            List<NodeCondition> previous,
            Instant now,
            boolean memoryPressure,
            int logPort) {
        String t = now.truncatedTo(ChronoUnit.SECONDS).toString();
        List<NodeCondition> conditions = new ArrayList<>();
        List<Healthy> all = new ArrayList<>(CONDITIONS);
        for (NodeCondition c : runtime.conditions())
            all.add(new Healthy(c.getType(), c.getStatus(), c.getReason(), c.getMessage()));
        for (Healthy healthy : all) {
            Healthy h = memoryPressure && healthy.type().equals(MEMORY_PRESSURE.type()) ? MEMORY_PRESSURE : healthy;
            String since = t;
            for (NodeCondition p : previous) {
                if (h.type().equals(p.getType())
                        && h.status().equals(p.getStatus())
                        && p.getLastTransitionTime() != null) {
                    since = p.getLastTransitionTime();
                }
            }
            conditions.add(new NodeConditionBuilder()
                    .withType(h.type())
                    .withStatus(h.status())
                    .withReason(h.reason())
                    .withMessage(h.message())
                    .withLastHeartbeatTime(t)
                    .withLastTransitionTime(since)
                    .build());
        }
        NodeStatus s = new NodeStatus();
        s.setCapacity(new LinkedHashMap<>(config.capacity()));
        s.setAllocatable(new LinkedHashMap<>(config.capacity()));
        s.setConditions(conditions);
        s.setAddresses(List.of(
                new NodeAddress(config.hostIP(), "InternalIP"), new NodeAddress(config.nodeName(), "Hostname")));
        s.setNodeInfo(new NodeSystemInfoBuilder()
                .withArchitecture(arch())
                .withOperatingSystem("linux")
                .withOsImage(System.getProperty("os.name") + " " + System.getProperty("os.version"))
                .withKernelVersion(System.getProperty("os.version"))
                .withKubeletVersion(KUBELET_VERSION)
                .withKubeProxyVersion("")
                .withContainerRuntimeVersion(runtime.name() + "://" + runtime.version())
                .withMachineID("")
                .withSystemUUID("")
                .withBootID("")
                .build());
        s.setPhase(null);
        s.setDaemonEndpoints(new io.fabric8.kubernetes.api.model.NodeDaemonEndpoints(
                new io.fabric8.kubernetes.api.model.DaemonEndpoint(logPort)));
        return s;
    }

    /** The node's Lease, owned by the Node so it goes with it. */
    static Lease lease(AgentConfig config, Node node, Instant now) {
        LeaseBuilder b = new LeaseBuilder()
                .withNewMetadata()
                .withName(config.nodeName())
                .withNamespace(LEASE_NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withHolderIdentity(config.nodeName())
                .withLeaseDurationSeconds(config.leaseDurationSeconds())
                .withRenewTime(now.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC))
                .endSpec();
        if (node != null && node.getMetadata().getUid() != null) {
            b.editMetadata()
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion("v1")
                            .withKind("Node")
                            .withName(node.getMetadata().getName())
                            .withUid(node.getMetadata().getUid())
                            .build())
                    .endMetadata();
        }
        return b.build();
    }

    static String arch() {
        String a = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> a;
        };
    }
}
