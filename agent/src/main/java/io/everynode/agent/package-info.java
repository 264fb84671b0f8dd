/**
 * The node agent: registration and heartbeats, the pod sync loop, runtimes, status.
 *
 * <p>Entry points: {@link io.everynode.agent.NodeAgent} (one node, threads of its own),
 * {@link io.everynode.agent.SimulatedFleet} (thousands of simulated nodes over one client, one
 * pod informer and a few threads), configured by {@link io.everynode.agent.AgentConfig}. What
 * runs containers is a {@link io.everynode.agent.ContainerRuntime}; the
 * {@link io.everynode.agent.SimulatedRuntime} moves containers through timed stages.
 *
 * <p>Roles: {@code AgentHost} (shared informer, work queue, workers, timers), {@code Heartbeat}
 * (Node registration, Lease, node status), {@code NodeAgent#syncPod} (one idempotent sync per pod
 * key: {@code PodPlan} decides, then the runtime and the API are called), {@code PodStatusMath}
 * (the reported pod status, pure), {@code CrashBackoff} (CrashLoopBackOff timing, pure),
 * {@code NodeReport} (Node, node status and Lease objects, pure).
 *
 * <p>Eviction (package {@link io.everynode.agent.eviction}, R9.3/R9.4): each agent runs an
 * {@code EvictionManager} pass every {@code AgentConfig#eviction().passPeriod()} (kubelet: 10 s).
 * It reads {@code memory.available} from a {@code MemorySignal} chosen by the runtime's name (the
 * simulated runtime: node allocatable memory minus its pods' {@code everynode.io/simulate-memory};
 * any other: the agent's memory cgroup limit minus its working set, else /proc/meminfo
 * MemAvailable). Below the hard threshold (default {@code memory.available<100Mi}) the node's
 * MemoryPressure condition is True (KubeletHasInsufficientMemory, posted at once) and one pod per
 * pass is evicted: the first non-critical pod in R9.3 order. The agent kills it with grace 0 and
 * reports it phase Failed, reason Evicted, the kubelet's message and a DisruptionTarget condition
 * (TerminationByKubelet), with a Warning event Evicted; {@code syncPod} never starts a pod whose
 * phase is terminal. MemoryPressure goes back to False once the pressure transition period
 * (default 5 m) passes without pressure. What follows is the control plane's: node lifecycle
 * taints the node {@code node.kubernetes.io/memory-pressure:NoSchedule} (R10.2), which daemon pods
 * tolerate (R1.9), and the DaemonSet controller deletes its failed pod and creates a new one
 * (R2.7); a pod of no controller stays Failed.
 *
 * <p>Room left for the process runtime (a later session): it implements {@code ContainerRuntime}
 * (start a process per container under a cgroup, stop with SIGTERM then SIGKILL at the grace
 * deadline, report exits through the listener, adopt by container ID and a state directory).
 * Probes will live in the agent, not the runtime: {@code RuntimeContainer#ready} then answers
 * true once running and the prober's results join {@code PodStatusMath}'s readiness.
 */
package io.everynode.agent;
