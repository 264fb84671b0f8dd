/**
 * One network namespace per node when several nodes run real processes on one machine
 * ({@code everynode up --runtime process}), so pods on different nodes can listen on the same
 * port. Linux only, root only, through the {@code ip} command of iproute2 (no JNI).
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Availability a = NodeNetworks.check();
 * if (!a.available()) { print(a.warning()); run nodes in the host network; }
 * else try (NodeNetworks nets = NodeNetworks.forDataDir(dataDir)) {
 *     NodeNetwork n = nets.create("node-1");
 *     // process runtime: launchPrefix = n.launchPrefix(), node IP = n.nodeIP()
 * }
 * }</pre>
 *
 * <h2>Names</h2>
 * The tag is the first 6 hex digits of SHA-256 of the cluster id ({@link
 * io.everynode.agent.netns.NodeNetworks#forDataDir} uses the data directory's real path, so a
 * resumed {@code up} gets the same names). Node {@code i} is the i-th distinct node name given to
 * {@code create}, 1-based, at most 253:
 * <ul>
 *   <li>namespace {@code en-<tag>-<i>} (in {@code ip netns list});
 *   <li>bridge {@code en<tag>} in the host namespace;
 *   <li>veth pair {@code en<tag>h<i>} (host end, on the bridge) and {@code en<tag>p<i>}, which is
 *       moved into the namespace and renamed {@code eth0}.
 * </ul>
 * Link names fit the kernel's 15 characters. The availability probe uses {@code en-chk-<pid>} and
 * {@code enchk<pid>[bhp]}, which no cluster's clean-up matches.
 *
 * <h2>Address plan</h2>
 * All clusters live in 10.123.0.0/16, one /24 each: 10.123.{o}.0/24 where {@code o} comes from
 * the same hash, moved on to the next free /24 when the machine already has an address or a
 * route overlapping it (another cluster, a VPN). The host end of the bridge is 10.123.{o}.1, node
 * {@code i} is 10.123.{o}.{i+1} on its {@code eth0} with loopback up and a default route via .1.
 * The bridge switches node-to-node traffic, so the host needs no IP forwarding; the host reaches
 * every node IP directly (probes from the agent work). Not provided: NAT to the outside world
 * (pods reach the host and the other nodes only), DNS (the namespace sees the host's
 * /etc/resolv.conf, which fails if it names a loopback resolver), IPv6 addresses. Pods reach
 * servers of the host namespace at {@link io.everynode.agent.netns.NodeNetwork#hostIP()}, not at
 * 127.0.0.1 (a namespace's loopback is its own), so a server bound to 127.0.0.1 is out of reach.
 * The other way round, the API server fetches a node's logs at its IP, inside the namespace: the
 * agent starts a log relay there on port 10250 (package {@code logs}, {@code LogEndpoint.relayed}).
 * Firewall rules of the host (br_netfilter with a dropping FORWARD chain) could block bridged
 * traffic; none are added or checked.
 *
 * <h2>Launching</h2>
 * {@code launchPrefix()} is {@code [<path of ip>, "netns", "exec", <namespace>]}. {@code ip netns
 * exec} enters the namespace and execs the command in the same process, so the PID the runtime
 * holds is the workload's own (signals, cgroup placement). It also gives the process a mount
 * namespace of its own with /sys remounted for the network namespace (so cgroup files under
 * /sys/fs/cgroup are not visible from inside; the runtime writes them from outside) and binds any
 * {@code /etc/netns/<namespace>/} files over /etc.
 *
 * <h2>Clean-up</h2>
 * {@code NodeNetwork.close()} deletes the host veth end (which deletes both ends) and the
 * namespace's name; {@code NodeNetworks.close()} does that for every node, then deletes the
 * bridge. Both are idempotent. Processes still inside a namespace keep it alive (without links)
 * after its name is gone: the runtime stops them first. After a crash, the first {@code create}
 * of the same cluster id deletes every namespace and host link matching its names before
 * building anything, so a resumed cluster starts clean; other clusters' names are never touched.
 *
 * <h2>When unavailable</h2>
 * {@link io.everynode.agent.netns.NodeNetworks#check()} answers why (not Linux, not root, no
 * {@code ip}, or a probe namespace/bridge/veth could not be made or removed, with ip's message).
 * The caller then prints {@link io.everynode.agent.netns.Availability#warning()}: nodes share the
 * host network, every node gets the host's IP, and pods on different nodes that listen on the
 * same port clash (the second one fails to bind).
 *
 * <p>Roles: {@code NetnsPlan} (names and addresses, pure), {@code SubnetChoice} (the free /24,
 * pure), {@code NetnsSteps} (the {@code ip} commands as data), {@code NetnsProbe} (the
 * availability check), {@code IpCommand}/{@code SystemIp} (the seam to the machine).
 */
package io.everynode.agent.netns;
