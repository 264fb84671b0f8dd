package io.everynode.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.everynode.testkit.RequiresGuide;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guide, "Logging agents", on process nodes: the fluent-bit DaemonSet exactly as written, its
 * containers real processes that see the host's {@code /var/log} through the hostPath volume and
 * run under the guide's limits.
 *
 * <p>{@code fluent/fluent-bit:3.1} is not pulled: the test registers a small shell script under
 * that name with {@code everynode image add}. The script lists the mounted {@code /var/log}, reads
 * the marker file the test wrote there, prints the memory limit and cpu quota of its own cgroup
 * (as the kernel sees them), then keeps running.
 */
@RequiresGuide
class LoggingAgentsOnProcessNodesGuideIT {
    static final String NS = "logging";
    static final String IMAGE = "fluent/fluent-bit:3.1";
    static final List<String> NODES = List.of("node-1", "node-2");
    /** The stand-in for fluent-bit: everything it prints is what the test reads back through {@code kubectl logs}. */
    static final String SCRIPT = """
            #!/bin/sh
            # fluent/fluent-bit:3.1 stand-in, registered by the e2e suite (LoggingAgentsOnProcessNodesGuideIT)
            echo "fluent-bit stand-in on $(hostname)"
            echo "/var/log holds:"
            ls -1 /var/log
            for f in /var/log/everynode-guide-*.log; do
              [ -f "$f" ] && echo "read $f: $(cat "$f")"
            done
            if touch /var/lib/docker/containers/.written-by-fluent-bit 2>/dev/null; then
              echo "/var/lib/docker/containers: writable"; rm -f /var/lib/docker/containers/.written-by-fluent-bit
            else
              echo "/var/lib/docker/containers: read-only"
            fi
            if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
              cg=$(sed -n 's/^0::\\(.*\\)$/\\1/p' /proc/self/cgroup)
              echo "memory limit: $(cat /sys/fs/cgroup$cg/memory.max)"
              echo "cpu quota: $(cat /sys/fs/cgroup$cg/cpu.max)"
            else
              mem=$(sed -n 's/^[0-9]*:memory:\\(.*\\)$/\\1/p' /proc/self/cgroup)
              cpu=$(sed -n 's/^[0-9]*:\\(cpu\\|cpu,cpuacct\\|cpuacct,cpu\\):\\(.*\\)$/\\2/p' /proc/self/cgroup)
              echo "memory limit: $(cat /sys/fs/cgroup/memory$mem/memory.limit_in_bytes)"
              echo "cpu quota: $(cat /sys/fs/cgroup/cpu$cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu$cpu/cpu.cfs_period_us)"
            fi
            echo "shipping"
            while :; do sleep 5; done
            """;

    static GuideCluster cluster;
    static Path marker;
    static String markerText;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        String fluentBit = GuideSnippets.load().onlyYaml("Logging agents");
        cluster = GuideCluster.upProcess(NODES.size(), dir);
        assumeTrue(
                Files.isDirectory(Path.of("/var/log")) && Files.isWritable(Path.of("/var/log")),
                "needs a writable /var/log on this machine");
        // A file only this run writes, under the host's /var/log, read back by every agent.
        markerText = "marker " + UUID.randomUUID();
        marker = Files.writeString(
                Path.of("/var/log", "everynode-guide-" + UUID.randomUUID() + ".log"), markerText + "\n");
        LocalImages.script(cluster.images(), IMAGE, SCRIPT, dir.resolve("images-src"));
        cluster.namespace(NS);
        assertThat(cluster.apply(fluentBit)).isEqualTo("daemonset.apps/fluent-bit created\n");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) cluster.close();
        if (marker != null) Files.deleteIfExists(marker);
    }

    @Test
    void everyFluentBitProcessSeesTheHostsVarLogThroughItsHostPathVolume() {
        cluster.awaitOneReadyPodOn(NS, "fluent-bit", NODES);
        for (String node : NODES) {
            Pod pod = cluster.podOn(NS, "fluent-bit", node);
            String log = awaitLog(pod);
            assertThat(log)
                    .contains("/var/log holds:", marker.getFileName().toString(), "read " + marker + ": " + markerText);
            // The second volume is mounted readOnly: true, and the process cannot write to it (a
            // read-only bind mount needs root; without it the runtime leaves the path writable).
            if (asRoot()) assertThat(log).contains("/var/lib/docker/containers: read-only");
        }
    }

    @Test
    void theGuidesMemoryLimitAndCpuLimitAreInEachProcesssCgroup() {
        cluster.awaitOneReadyPodOn(NS, "fluent-bit", NODES);
        for (String node : NODES) {
            String why = cluster.limitsNotEnforcedReason(node);
            assumeTrue(why == null, why);
            String log = awaitLog(cluster.podOn(NS, "fluent-bit", node));
            // limits.memory 256Mi = 268435456 bytes; limits.cpu 200m = 20 ms of cpu per 100 ms period.
            assertThat(log).containsAnyOf("memory limit: 268435456\n");
            assertThat(log).containsAnyOf("cpu quota: 20000 100000\n");
        }
    }

    private static boolean asRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (Exception e) {
            return false;
        }
    }

    /** {@code kubectl logs} of the pod once the script has printed everything up to "shipping". */
    private static String awaitLog(Pod pod) {
        String[] log = new String[1];
        await().atMost(GuideCluster.WAIT).untilAsserted(() -> {
            log[0] = cluster.kubectl("logs", "-n", NS, pod.getMetadata().getName());
            assertThat(log[0]).contains("shipping");
        });
        return log[0];
    }
}
