package io.everynode.cli;

import io.everynode.agent.container.ImageSource;
import io.everynode.agent.container.PodNetwork;
import io.everynode.agent.container.RuncRuntime;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code --runtime container} gets its parts: the runc runtime needs root and runc, an
 * {@link ImageSource} (the node's image store and registry pulls) and a {@link PodNetwork} (the
 * CNI pod network). This build has neither of the last two yet (issue 13's images and cni
 * parts); {@link #missing} says so rather than run containers on made-up images or networks.
 * The parts arrive through {@link #runtime}'s parameters once they exist.
 */
final class ContainerNodes {
    static final String NAME = "container";

    private ContainerNodes() {}

    /** Why {@code --runtime container} cannot run here, or empty when it can. */
    static Optional<String> missing(ImageSource images, PodNetwork network) {
        Optional<String> host = RuncRuntime.unavailable("runc");
        if (host.isPresent()) return host;
        if (images == null || network == null) {
            return Optional.of("--runtime container needs an image store and a pod network, and this build has "
                    + (images == null && network == null
                            ? "neither"
                            : images == null ? "no image store" : "no pod network")
                    + " yet (issue 13: images and CNI networking); see docs/containers.md");
        }
        return Optional.empty();
    }

    /** The node's runtime over {@code rootDir} (its state, bundles and logs). */
    static RuncRuntime runtime(Path rootDir, String nodeName, String nodeIP, ImageSource images, PodNetwork network) {
        return new RuncRuntime(new RuncRuntime.Config(rootDir, nodeName, nodeIP, "runc"), images, network);
    }
}
