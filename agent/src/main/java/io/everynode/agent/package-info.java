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
 * <p>The {@link io.everynode.agent.process.ProcessRuntime} (package {@code process}) runs each
 * container as an OS process under a small {@code sh} wrapper in a session of its own: images from
 * a node-local {@link io.everynode.agent.process.ImageDirectory}, logs straight to files, limits
 * through cgroups of our own (the node condition {@code ResourceLimitsEnforced} says whether they
 * hold), hostPath and emptyDir volumes, state on disk so a new agent adopts what still runs
 * (docs/images.md). The demo agent (package {@code demo}) is the image
 * {@code everynode/demo-agent:1}. Probes live in the agent, not the runtime:
 * {@code RuntimeContainer#ready} answers true once running.
 */
package io.everynode.agent;
