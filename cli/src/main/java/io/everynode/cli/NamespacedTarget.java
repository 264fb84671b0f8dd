package io.everynode.cli;

import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that read one namespace of a cluster ({@code why}, {@code plan},
 * {@code rollout status}): {@code -n}, and the kubeconfig as {@link TokenCommand.Target} finds it
 * ({@code --kubeconfig}, {@code --data-dir}).
 */
final class NamespacedTarget {
    @Mixin
    TokenCommand.Target cluster;

    @Option(
            names = {"-n", "--namespace"},
            description = "Namespace (default: the kubeconfig context's, else default).")
    String namespace;

    /** The kubeconfig these options name. */
    KubeconfigTarget read() throws IOException {
        return cluster.read();
    }

    /** {@code -n}, else the kubeconfig context's namespace, else "default", as kubectl chooses. */
    String namespace(KubeconfigTarget config) {
        return config.namespace(namespace);
    }
}
