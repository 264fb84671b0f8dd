/**
 * The node agent's eviction manager for memory (R9.1–R9.4), the kubelet's in miniature.
 *
 * <p>Entry points: {@link io.everynode.agent.eviction.EvictionManager} (one per node; its
 * {@code pass()} observes, keeps MemoryPressure, evicts at most one pod), configured by
 * {@link io.everynode.agent.eviction.EvictionConfig} (hard threshold, pass period, pressure
 * transition period; {@code parseHard} reads the kubelet's {@code --eviction-hard}), reading a
 * {@link io.everynode.agent.eviction.MemorySignal} ({@code machine()} or {@code podSum(capacity)}).
 * The agent is the manager's {@code Host}: it lists its {@link io.everynode.agent.eviction.ActivePod}s
 * and carries out evictions, writing {@link io.everynode.agent.eviction.EvictedStatus}.
 *
 * <p>Roles: {@code EvictionRanking} (R9.3 order, pure), {@code EvictionMessage} (the kubelet's
 * message text, pure), {@code MemoryThreshold} (quantity or percentage of capacity),
 * {@code MachineMemory} (cgroup v2/v1 or /proc/meminfo, roots injectable), {@code PodSumMemory}
 * (simulated nodes), {@code Quantities} (canonical binary quantity text).
 *
 * <p>Not modelled: soft thresholds and grace periods, minimum reclaim, disk and PID signals (their
 * flags are accepted and ignored), node-level reclaim before eviction, and the kubelet's admission
 * check that refuses new BestEffort pods on a node under memory pressure.
 */
package io.everynode.agent.eviction;
