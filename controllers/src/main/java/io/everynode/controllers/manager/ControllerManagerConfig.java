package io.everynode.controllers.manager;

import io.everynode.controllers.bootstrapsigner.ClusterInfoConfig;
import io.everynode.controllers.certificates.SigningConfig;
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
 * @param credentials the CA the CSR signer issues with, the CA published to namespaces and the
 *     cluster-info the bootstrap signer publishes; none by default ({@code server} and {@code up}
 *     set the cluster's)
 */
public record ControllerManagerConfig(
        Set<String> controllers,
        DaemonSetController.Config daemonSet,
        SchedulerConfig scheduler,
        NodeLifecycleConfig nodeLifecycle,
        PodGcConfig podGc,
        Duration cacheSyncTimeout,
        ClusterCredentials credentials) {
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
                ClusterCredentials.none());
    }

    public boolean runs(String controller) {
        return controllers.contains(ALL) || controllers.contains(controller);
    }

    /** The CA the CSR signing controller issues with, or null. */
    public SigningConfig csrSigning() {
        return credentials.csrSigning();
    }

    /** The CA (PEM) published as every namespace's kube-root-ca.crt, or null. */
    public String rootCaPem() {
        return credentials.rootCaPem();
    }

    /** What the bootstrap signer publishes in the cluster-info ConfigMap. */
    public ClusterInfoConfig clusterInfo() {
        return credentials.clusterInfo();
    }

    public ControllerManagerConfig withControllers(String... names) {
        return new ControllerManagerConfig(
                Set.of(names), daemonSet, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, credentials);
    }

    public ControllerManagerConfig withDaemonSet(DaemonSetController.Config c) {
        return new ControllerManagerConfig(
                controllers, c, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, credentials);
    }

    public ControllerManagerConfig withScheduler(SchedulerConfig c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, c, nodeLifecycle, podGc, cacheSyncTimeout, credentials);
    }

    public ControllerManagerConfig withNodeLifecycle(NodeLifecycleConfig c) {
        return new ControllerManagerConfig(controllers, daemonSet, scheduler, c, podGc, cacheSyncTimeout, credentials);
    }

    public ControllerManagerConfig withPodGc(PodGcConfig c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, scheduler, nodeLifecycle, c, cacheSyncTimeout, credentials);
    }

    public ControllerManagerConfig withCredentials(ClusterCredentials c) {
        return new ControllerManagerConfig(
                controllers, daemonSet, scheduler, nodeLifecycle, podGc, cacheSyncTimeout, c);
    }

    /** This config, signing approved CSRs with {@code c}. */
    public ControllerManagerConfig withCsrSigning(SigningConfig c) {
        return withCredentials(credentials.withCsrSigning(c));
    }

    /** This config, publishing {@code pem} as every namespace's {@code kube-root-ca.crt}. */
    public ControllerManagerConfig withRootCa(String pem) {
        return withCredentials(credentials.withRootCa(pem));
    }

    /** This config, publishing {@code c} (the server's URL and CA) in the cluster-info ConfigMap. */
    public ControllerManagerConfig withClusterInfo(ClusterInfoConfig c) {
        return withCredentials(credentials.withClusterInfo(c));
    }
}
