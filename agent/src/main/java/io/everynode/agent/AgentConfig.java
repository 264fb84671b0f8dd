package io.everynode.agent;

import io.everynode.agent.eviction.EvictionConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one node agent registers and how often it reports.
 *
 * @param nodeName the Node's name, also its {@code kubernetes.io/hostname} label and Lease name
 * @param labels extra labels set at registration (and reconciled when the Node already exists)
 * @param taints taints set at registration only, as the kubelet's {@code --register-with-taints}
 * @param capacity cpu, memory and pods as Kubernetes quantities; allocatable is the same (no
 *     system reservations yet)
 * @param leaseRenewInterval how often the Lease in {@code kube-node-lease} is renewed (kubelet: 10 s)
 * @param leaseDurationSeconds the Lease's leaseDurationSeconds (kubelet: 40)
 * @param statusUpdateInterval how often the node conditions are posted with a fresh heartbeat (10 s)
 * @param hostIP the node's InternalIP, also each pod's hostIP
 * @param eviction the eviction manager's threshold and periods (R9.4; kubelet defaults)
 * @param usageReportInterval how often the node reports its usage for {@code kubectl top} (15 s)
 * @param lifecycleEvents whether the kubelet's chatty per-container events are recorded (Pulled,
 *     Created, Started, BackOff, and Killing on deletion); a fleet of thousands of simulated nodes
 *     may turn them off. Probe events (Unhealthy, Killing after a failed probe) are always recorded.
 */
public record AgentConfig(
        String nodeName,
        Map<String, String> labels,
        List<Taint> taints,
        Map<String, Quantity> capacity,
        Duration leaseRenewInterval,
        int leaseDurationSeconds,
        Duration statusUpdateInterval,
        String hostIP,
        EvictionConfig eviction,
        boolean lifecycleEvents,
        Duration usageReportInterval) {
    /** How often a node reports its usage for {@code kubectl top}: metrics-server's default resolution. */
    public static final Duration USAGE_REPORT_INTERVAL = Duration.ofSeconds(15);

    public static final String LABEL_HOSTNAME = "kubernetes.io/hostname";
    public static final String LABEL_OS = "kubernetes.io/os";
    public static final String LABEL_ARCH = "kubernetes.io/arch";
    /** Set on every node whose pods the simulated runtime runs. */
    public static final String LABEL_RUNTIME = "everynode.io/runtime";

    public AgentConfig {
        Objects.requireNonNull(nodeName, "nodeName");
        if (nodeName.isBlank()) throw new IllegalArgumentException("the node name must not be empty");
        labels = Map.copyOf(labels);
        taints = List.copyOf(taints);
        capacity = Map.copyOf(capacity);
        for (String r : List.of("cpu", "memory", "pods")) {
            if (!capacity.containsKey(r)) throw new IllegalArgumentException("capacity needs " + r);
        }
        if (leaseRenewInterval.isNegative() || leaseRenewInterval.isZero())
            throw new IllegalArgumentException("leaseRenewInterval must be positive");
        if (statusUpdateInterval.isNegative() || statusUpdateInterval.isZero())
            throw new IllegalArgumentException("statusUpdateInterval must be positive");
        if (leaseDurationSeconds < 1) throw new IllegalArgumentException("leaseDurationSeconds must be positive");
        Objects.requireNonNull(eviction, "eviction");
        if (usageReportInterval.isNegative() || usageReportInterval.isZero())
            throw new IllegalArgumentException("the usage report interval must be positive");
    }

    /** With usage reports every {@link #USAGE_REPORT_INTERVAL}. */
    public AgentConfig(
            String nodeName,
            Map<String, String> labels,
            List<Taint> taints,
            Map<String, Quantity> capacity,
            Duration leaseRenewInterval,
            int leaseDurationSeconds,
            Duration statusUpdateInterval,
            String hostIP,
            EvictionConfig eviction,
            boolean lifecycleEvents) {
        this(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                lifecycleEvents,
                USAGE_REPORT_INTERVAL);
    }

    /** Without eviction settings: the kubelet's (memory.available<100Mi, 10 s passes, 5 m transition); lifecycle events on. */
    public AgentConfig(
            String nodeName,
            Map<String, String> labels,
            List<Taint> taints,
            Map<String, Quantity> capacity,
            Duration leaseRenewInterval,
            int leaseDurationSeconds,
            Duration statusUpdateInterval,
            String hostIP) {
        this(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                EvictionConfig.defaults(),
                true);
    }

    /** The kubelet's defaults: no extra labels or taints, 10 s reports, a 40 s Lease, capacity of a small machine. */
    public static AgentConfig defaults(String nodeName) {
        return new AgentConfig(
                nodeName,
                Map.of(),
                List.of(),
                capacity("4", "8Gi", "110"),
                Duration.ofSeconds(10),
                40,
                Duration.ofSeconds(10),
                "127.0.0.1");
    }

    /** This machine's processors and total memory, and the kubelet's default of 110 pods. */
    public static Map<String, Quantity> machineCapacity() {
        long memory = 8L << 30;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return capacity(
                Integer.toString(java.lang.Runtime.getRuntime().availableProcessors()), Long.toString(memory), "110");
    }

    public static Map<String, Quantity> capacity(String cpu, String memory, String pods) {
        Map<String, Quantity> m = new LinkedHashMap<>();
        m.put("cpu", new Quantity(cpu));
        m.put("memory", new Quantity(memory));
        m.put("pods", new Quantity(pods));
        return m;
    }

    public AgentConfig withLabels(Map<String, String> l) {
        return new AgentConfig(
                nodeName,
                l,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                lifecycleEvents,
                usageReportInterval);
    }

    public AgentConfig withTaints(List<Taint> t) {
        return new AgentConfig(
                nodeName,
                labels,
                t,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                lifecycleEvents,
                usageReportInterval);
    }

    public AgentConfig withCapacity(Map<String, Quantity> c) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                c,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                lifecycleEvents,
                usageReportInterval);
    }

    /** Both report intervals (Lease renewal and node status) at once; tests shorten them. */
    public AgentConfig withReportInterval(Duration every) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                capacity,
                every,
                leaseDurationSeconds,
                every,
                hostIP,
                eviction,
                lifecycleEvents,
                usageReportInterval);
    }

    public AgentConfig withEviction(EvictionConfig e) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                e,
                lifecycleEvents,
                usageReportInterval);
    }

    public AgentConfig withLifecycleEvents(boolean on) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                on,
                usageReportInterval);
    }

    /** The node's InternalIP (and its pods' hostIP), e.g. the address of its network namespace. */
    public AgentConfig withHostIP(String ip) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                ip,
                eviction,
                lifecycleEvents,
                usageReportInterval);
    }

    /** How often the node reports its usage for {@code kubectl top} (15 s by default). */
    public AgentConfig withUsageReportInterval(Duration every) {
        return new AgentConfig(
                nodeName,
                labels,
                taints,
                capacity,
                leaseRenewInterval,
                leaseDurationSeconds,
                statusUpdateInterval,
                hostIP,
                eviction,
                lifecycleEvents,
                every);
    }
}
