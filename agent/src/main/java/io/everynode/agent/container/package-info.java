/**
 * The container runtime ({@code --runtime container}): every pod a set of OCI containers run by
 * {@code runc} from bundles the agent writes, root filesystems overlaid from image layers, and a
 * network namespace of its own per pod (unless {@code hostNetwork}).
 *
 * <p>Two seams reach outside this package, both through the runtime's constructor:
 * {@link io.everynode.agent.container.ImageSource} (makes a container's image present, per its
 * pull policy, and answers its layers and config) and {@link io.everynode.agent.container.PodNetwork}
 * (a pod's network namespace and addresses, from the CNI plugins).
 */
package io.everynode.agent.container;
