/**
 * The process runtime: every container an OS process on this machine, started under a small
 * {@code sh} wrapper in a session of its own, from a node-local {@code ImageDirectory}, with
 * hostPath, emptyDir, configMap and secret {@code Volumes}, logs through FIFOs into CRI-format files
 * ({@code crilog.LogPump}), memory and cpu limits in cgroups
 * of our own ({@code Cgroups}), and its state on disk ({@code InstanceFiles}) so a new agent
 * adopts what still runs (docs/images.md).
 *
 * <p>Threading: {@code ProcessRuntime} is thread-safe (its state under its own lock; the
 * listener called without it) and is called by the agent's sync workers; one watcher thread per
 * runtime ({@code ProcessWatcher}) polls the running containers ({@code ProcFs}), never a thread
 * per container.
 *
 * <p>Parts, one job each: {@code Launcher} (starting an instance), {@code StartRetry} (on the shared {@code Backoff}; the
 * back-off of a container that cannot start yet), {@code InstanceState} (an instance's state
 * file), {@code ProcessWatcher} (the watcher thread and how an instance ended),
 * {@code KillEscalation} (SIGTERM, SIGKILL at the deadline, waiting for a pod to go),
 * {@code ExecRunner} (execs), {@code AtomicVolumeWriter} (configMap and secret volumes in the
 * kubelet's atomic layout, written when the agent hands their content over), {@code ClockWait} (every wait: deadlines on the injected clock,
 * blocking on the awaited processes' exit between checks).
 */
package io.everynode.agent.process;
