package io.everynode.cli;

import io.everynode.agent.cni.CniNetwork;
import io.everynode.agent.cni.CniSettings;
import io.everynode.agent.container.ImageSource;
import io.everynode.agent.container.PodNetwork;
import io.everynode.agent.container.RuncRuntime;
import io.everynode.agent.images.ImageGcTimer;
import io.everynode.agent.images.SecretLookup;
import io.everynode.agent.netns.Availability;
import io.everynode.client.ApiError;
import io.everynode.client.KubeClient;
import io.everynode.images.ImageStore;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code --runtime container} gets its parts: the runc runtime (root and runc), an
 * {@link ImageSource} (the image store of {@link ContainerImageFlags} with registry pulls) and a
 * {@link PodNetwork} (the standard CNI plugins, one bridge and pod range per node); the sweep of
 * pods gone while no agent ran, and image garbage collection on a timer per image store.
 */
final class ContainerNodes {
    static final String NAME = "container";

    private ContainerNodes() {}

    /** Why {@code --runtime container} cannot run on this machine, or empty when it can. */
    static Optional<String> missing() {
        Optional<String> host = RuncRuntime.unavailable("runc");
        if (host.isPresent()) return host;
        Availability network = CniNetwork.check(CniSettings.DEFAULT_PLUGIN_DIRS);
        if (!network.available()) {
            return Optional.of("--runtime container gives pods their network with the CNI plugins (bridge, host-local,"
                    + " portmap in " + CniSettings.DEFAULT_PLUGIN_DIRS
                    + "; Debian: containernetworking-plugins) and network namespaces: " + network.warning());
        }
        return Optional.empty();
    }

    /** The node's pod network: its bridge, pod range and pods' namespaces, kept under {@code rootDir}. */
    static CniNetwork network(Path rootDir) {
        return CniNetwork.open(CniSettings.of(rootDir));
    }

    /** The node's runtime over {@code rootDir} (its state, bundles and logs), its images from {@code images}. */
    static RuncRuntime runtime(Path rootDir, String nodeName, String nodeIP, ImageSource images, PodNetwork network) {
        return new RuncRuntime(new RuncRuntime.Config(rootDir, nodeName, nodeIP, "runc"), images, network);
    }

    /**
     * Before the node's agent starts: removes what is left on the machine of the node's pods that
     * went while no agent ran (containers, mounts, directories, networks). The live pods are those
     * the API server has bound to the node; the agent adopts them once it runs. When they cannot
     * be listed nothing is removed (a warning says so).
     */
    static void sweepGonePods(KubeClient client, String nodeName, RuncRuntime runtime) {
        java.util.Set<String> live = new java.util.HashSet<>();
        var options = new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                .withFieldSelector("spec.nodeName=" + nodeName)
                .build();
        try {
            for (io.fabric8.kubernetes.api.model.Pod p : client.list(
                            io.fabric8.kubernetes.api.model.Pod.class, null, options)
                    .items()) {
                live.add(p.getMetadata().getUid());
            }
        } catch (RuntimeException e) {
            // Without the live set nothing can be told gone: keep everything; the next start sweeps.
            System.err.println("warning: node " + nodeName + ": cannot list its pods, so leftovers of gone pods stay: "
                    + e.getMessage());
            return;
        }
        runtime.sweep(live);
    }

    /** The node's image garbage collection: one timer for {@code store}, keeping the images of every runtime's containers. */
    static ImageGcTimer imageGc(ImageStore store, java.time.Clock clock, List<RuncRuntime> runtimes) {
        return ImageGcTimer.start(store, clock, () -> {
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (RuncRuntime rt : runtimes) ids.addAll(rt.imageIDsInUse());
            return ids;
        });
    }

    /** The pods' imagePullSecrets, read through the node's own client (the node authorizer lets a node read its pods' secrets). */
    static SecretLookup secrets(KubeClient client) {
        return (namespace, name) -> {
            try {
                return Optional.of(client.get(Secret.class, namespace, name));
            } catch (ApiError e) {
                if (e.isNotFound()) return Optional.empty();
                throw e;
            }
        };
    }
}
