package io.everynode.cli.bench;

import io.everynode.client.KubeClient;
import io.everynode.controllers.manager.ControllerManagerConfig;
import io.everynode.controlplane.ControlPlane;
import io.everynode.store.StoreConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** What the whole-scenario benchmarks share: the DaemonSet they create, waiting for a phase, the heap. */
final class Phases {
    static final String DS = "agent";
    static final String IMAGE_V1 = "registry.local/agent:1";
    static final String IMAGE_V2 = "registry.local/agent:2";

    private final Duration timeout;
    private final Consumer<String> out;

    Phases(Duration timeout, Consumer<String> out) {
        this.timeout = timeout;
        this.out = out;
    }

    void say(String line) {
        out.accept(line);
    }

    /** Polls every 5 ms until {@code done}; answers the time since {@code start} (System.nanoTime()), or null on timeout. */
    Duration await(BooleanSupplier done, long start) throws InterruptedException {
        long deadline = start + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                say("  (phase timed out after " + timeout.toSeconds() + " s)");
                return null;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return since(start);
    }

    static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static String ms(Duration d) {
        return d == null ? "not reached" : d.toMillis() + " ms";
    }

    /** One container requesting 50m/64Mi; RollingUpdate with the given maxUnavailable and no surge. */
    static DaemonSet daemonSet(String namespace, String maxUnavailable) {
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName(DS)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", DS)
                .endSelector()
                .withNewUpdateStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(maxUnavailable))
                .withMaxSurge(new IntOrString(0))
                .endRollingUpdate()
                .endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", DS)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("agent")
                .withImage(IMAGE_V1)
                .withNewResources()
                .addToRequests("cpu", new Quantity("50m"))
                .addToRequests("memory", new Quantity("64Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The API server and every controller, in this process, on {@code store}: what the rollout benchmarks measure. */
    static ControlPlane controlPlane(StoreConfig store, Clock clock) throws Exception {
        return ControlPlane.builder()
                .store(store)
                .controllers(ControllerManagerConfig.defaults())
                .clock(clock)
                .build()
                .start();
    }

    static void createNamespace(KubeClient client, String name) {
        client.create(new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .build());
    }

    /** Heap in use after a full collection (the whole process: server, controllers, agents, the benchmark's caches). */
    static long heapAfterGc() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String loadAverage() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format("%.2f", l);
    }
}
