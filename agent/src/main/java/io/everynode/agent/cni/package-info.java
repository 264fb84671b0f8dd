/**
 * Pod networks on the standard CNI plugins for the container runtime: {@link
 * io.everynode.agent.cni.CniNetwork} implements {@link io.everynode.agent.container.PodNetwork}.
 * User-facing description: docs/containers.md, "Pod networking".
 *
 * <h2>Per node</h2>
 * A node's network is identified by its data directory (real path); its tag is 8 hex digits of
 * that path's SHA-256. The node has a pod range (the Node's {@code spec.podCIDR} when given, else
 * a /24 of 10.244.0.0/16 claimed on this machine and kept in {@code <dataDir>/cni/range}), a
 * bridge {@code cni<tag>} in the host namespace whose address, the range's first, is every pod's
 * gateway, and host-local leases under {@code <dataDir>/cni/ipam/everynode-<tag>/}.
 *
 * <h2>Per pod</h2>
 * A namespace {@code cni-<tag>-<12 hex of SHA-256(pod uid)>} made with {@code ip netns add} (so it
 * is {@code /var/run/netns/<name>}, the path runc's spec names, and {@code ip netns exec} works on
 * it), loopback up, then ADD through the list (bridge with host-local, portmap) with the pod uid as
 * container id and {@code eth0} as interface. The final result, the port mappings and the names go
 * to {@code <dataDir>/cni/pods/<uid>.json}: an attach after an agent restart runs CHECK and answers
 * the same attachment; DEL (reverse order, with that result as prevResult and the port mappings
 * again, which portmap needs to find its rules) runs on detach, and then the namespace is deleted.
 * {@link io.everynode.agent.cni.CniNetwork#sweep} removes networks, namespaces and leases of pods
 * that no longer exist.
 *
 * <p>Roles: {@code NetworkPlan} (names and addresses, pure), {@code PodRangeChoice} (the /24 and
 * its claim), {@code NetworkConfigList} (the list and each plugin's input, pure), {@code
 * PluginChain} (runs plugins as a runtime does), {@code PluginResult} and {@code CniException}
 * (reading results and errors), {@code AttachmentStore} (the per-pod records), {@code IpTool}
 * (iproute2), {@code CommandRunner}/{@code ProcessCommandRunner} (the seam to the machine).
 */
package io.everynode.agent.cni;
