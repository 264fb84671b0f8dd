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
 * {@code NodeReport} (Node, node status and Lease objects, pure). Logs: the package
 * {@code io.everynode.agent.logs} serves {@code kubectl logs} from the runtime's log files; the
 * {@code AgentHost} owns the endpoint its agents share and advertise on their Nodes.
 *
 * <p>Room left for the process runtime (a later session): it implements {@code ContainerRuntime}
 * (start a process per container under a cgroup, stop with SIGTERM then SIGKILL at the grace
 * deadline, report exits through the listener, adopt by container ID and a state directory).
 * Probes will live in the agent, not the runtime: {@code RuntimeContainer#ready} then answers
 * true once running and the prober's results join {@code PodStatusMath}'s readiness.
 */
package io.everynode.agent;
