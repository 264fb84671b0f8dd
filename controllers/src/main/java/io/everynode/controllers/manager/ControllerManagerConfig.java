package io.everynode.controllers.manager;

import io.everynode.controllers.bootstrapsigner.ClusterInfoConfig;
import io.everynode.controllers.daemonset.DaemonSetController;
import io.everynode.controllers.nodelifecycle.NodeLifecycleConfig;
import io.everynode.controllers.podgc.PodGcConfig;
import io.everynode.controllers.scheduler.SchedulerConfig;
import java.time.Duration;
import java.util.Set;

/**
 * What the {@link ControllerManager} runs, and each controller's settings (defaults as each
 * controller defines them).
 *
 * @param controllers names of the controllers to run ({@link ControllerManager#SCHEDULER}, ...);
 *     {@code "*"} runs them all, as kube-controller-manager's {@code --controllers} default does
 * @param cacheSyncTimeout how long {@link ControllerManager#start()} waits for the first lists
 * @param clusterInfo the server URL and CA the bootstrap signer publishes in {@code cluster-info}
 */
public record ControllerManagerConfig(
        Set<String> controllers,
        DaemonSetController.Config daemonSet,
        SchedulerConfig scheduler,
        NodeLifecycleConfig nodeLifecycle,
        PodGcConfig podGc,
        Duration cacheSyncTimeout,
        ClusterInfoConfig clusterInfo) {
    public static final String ALL = "*";

    public ControllerManagerConfig {
        controllers = Set.copyOf(controllers);
    }

    public static ControllerManagerConfig defaults() {
        return new ControllerManagerConfig(
                Set.of(ALL),
                DaemonSetController.Config.defaults(),
                SchedulerConfig.defaults(),
                NodeLifecycleConfig.defaults(),
                PodGcConfig.defaults(),
                Duration.ofSeconds(60),
                ClusterInfoConfig.none());
    }

    public boolean runs(String controller) {
        return controllers.contains(ALL) || controllers.contains(controller);
    }

    public ControllerManagerConfig withControllers(String... names) {
        return new ControllerManagerConfig(
                Set.of(names), daemonSet, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, clusterInfo);
    }

    public ControllerManagerConfig withDaemonSet(DaemonSetController.Config c) {
        return new ControllerManagerConfig(
                controllers, c, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, clusterInfo);
    }

    public ControllerManagerConfig withScheduler(SchedulerConfig c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, c, nodeLifecycle, podGc, cacheSyncTimeout, clusterInfo);
    }

    public ControllerManagerConfig withNodeLifecycle(NodeLifecycleConfig c) {
        return new ControllerManagerConfig(controllers, daemonSet, scheduler, c, podGc, cacheSyncTimeout, clusterInfo);
    }

    /** What the bootstrap signer publishes in the cluster-info ConfigMap (the server's URL and CA). */
    public ControllerManagerConfig withClusterInfo(ClusterInfoConfig c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, c);
    }

    public ControllerManagerConfig withPodGc(PodGcConfig c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, scheduler, nodeLifecycle, c, cacheSyncTimeout, clusterInfo);
    }
}
