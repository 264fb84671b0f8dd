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
 * (the reported pod status, pure), {@code PodPlan#crashLoopBackoff} (CrashLoopBackOff timing on the client's {@code Backoff}),
 * {@code NodeReport} (Node, node status and Lease objects, pure). Logs: the package
 * {@code io.everynode.agent.logs} serves {@code kubectl logs} from the runtime's log files; the
 * {@code AgentHost} owns the endpoint its agents share (and its relay into a node's network
 * namespace) and the port they advertise in {@code status.daemonEndpoints}; the API server
 * connects to the node's InternalIP at that port, nothing else.
 *
 * <p>Usage (package {@link io.everynode.agent.stats}): every {@code AgentConfig#usageReportInterval()}
 * (15 s) each agent sends the API server a reading of its running containers' cumulative CPU and
 * working set ({@code ContainerRuntime#usage}) and its node's, for {@code metrics.k8s.io} and
 * {@code kubectl top} (docs/containers.md).
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
 * <p>The {@link io.everynode.agent.process.ProcessRuntime} (package {@code process}) runs each
 * container as an OS process under a small {@code sh} wrapper in a session of its own: images from
 * a node-local {@link io.everynode.agent.process.ImageDirectory}, logs through FIFOs the wrapper
 * holds into files in the CRI log format (package {@code crilog}), limits
 * through cgroups of our own (the node condition {@code ResourceLimitsEnforced} says whether they
 * hold), hostPath and emptyDir volumes, state on disk so a new agent adopts what still runs
 * (docs/images.md). The demo agent (package {@code demo}) is the image
 * {@code everynode/demo-agent:1}. Probes live in the agent, not the runtime:
 * {@code RuntimeContainer#ready} answers true once running.
 *
 * <p>Probes ({@code io.everynode.agent.probe}): {@code ProbeManager} (one per agent) keeps a
 * worker set per running container instance, started by the sync when an instance starts running
 * and replaced when a new one does; each attempt is a one-shot task on the host's shared timers,
 * the I/O is the host's {@code Probers} (one asynchronous HTTP client, a four-thread pool for
 * tcpSocket and exec), so no thread grows per container. {@code ProbeTracker} is the pure state
 * machine (initialDelaySeconds, periodSeconds, thresholds, the kubelet's initial results).
 * Startup gates liveness and readiness. A result change enqueues the pod; {@code PodStatusMath}
 * reads {@code started} and {@code ready} from the current instance's view; {@code PodPlan}
 * turns a liveness or startup failure into a kill, which the sync carries out (Killing event,
 * {@code stopContainer} with the probe's or pod's grace period) before the restartPolicy and
 * CrashLoopBackOff take over. Every failed attempt records a Warning Unhealthy event, as the
 * kubelet does (the API aggregates nothing; each is its own Event). gRPC probes only check that
 * the port accepts a TCP connection, said once per instance in a ProbeWarning event. Network
 * probes of simulated pods (made-up pod IPs, no explicit host; and every network probe of a
 * hostNetwork pod, whose node is made up, loopback included) pass without a connection, so a simulated fleet with probed DaemonSets (flannel,
 * MetalLB's speaker) turns Ready and does not crash-loop.
 *
 * <p>Identity: each agent calls as its node ({@code system:node:NAME}) through the
 * {@link io.everynode.agent.NodeClients} it is given, so the API's Node authorizer and
 * NodeRestriction hold it to its own Node, Lease, pods and their sources (docs/security.md). An agent on another host gets that identity by joining
 * (package {@code join}: bootstrap token, CA hash, a CSR, certificate rotation).
 *
 * <p>ConfigMaps and Secrets ({@code PodSources}, read through {@code SourceWatches}: one informer
 * per named object, by {@code metadata.name}, as a node whose pod names it): before a pod's
 * containers start, its configMap and secret volumes are resolved and handed to the runtime
 * ({@code ContainerRuntime#writeVolumes}; the process runtime writes them with the kubelet's
 * atomic layout, the simulated one writes nothing), and again on every sync, which a change to a
 * named ConfigMap or Secret triggers, so updates reach mounted volumes. Each container's
 * {@code envFrom} and configMapKeyRef/secretKeyRef are resolved when it starts
 * ({@code SourcedEnv}). A missing non-optional source keeps containers waiting with the
 * kubelet's reasons: FailedMount events and ContainerCreating for volumes,
 * CreateContainerConfigError for the environment; they start once it appears.
 *
 * <p>Events (the host's {@code EventRecorder}, source {@code kubelet}, written off the sync path,
 * repeats counted): Pulled, Created, Started on each container start, BackOff once per crashed
 * instance, Killing on deletion; {@code AgentConfig#lifecycleEvents} turns these off for large
 * simulated fleets. Unhealthy, ProbeWarning and Killing after a probe are always on. Image events
 * ({@code StartEvents}, worded as upstream's image manager): a runtime whose images are local
 * (process, simulated) gets Pulled "already present" from the sync; a runtime that pulls
 * ({@code RuntimeCapabilities#imagePulls}, the runc runtime) reports each try, its retries on its
 * own thread included, to an {@code ImagePullListener} (facts: a pull begins; present, pulled
 * with its times on the runtime's clock and the image's size, or failed with the reason and the
 * registry's words; the container after the try), and the agent records Pulling, Pulled,
 * Failed "Failed to pull image" and "Error: ErrImagePull", BackOff "Back-off pulling image" and
 * "Error: ImagePullBackOff" once per failed try, ErrImageNeverPull, InspectFailed, then Created
 * and Started (docs/containers.md, Pulls). Warnings among them are recorded even with lifecycle
 * events off.
 */
package io.everynode.agent;
