package io.everynode.agent.probe;

/**
 * What the probes say about one running container instance, for its status and the sync's plan.
 *
 * @param containerId the instance the view is about; a view of another instance does not apply
 * @param started false until the startup probe succeeded (true without a startup probe)
 * @param ready the readiness probe's result (true without a readiness probe), false while not started
 * @param kill the probe that failed and asks for the instance to be killed (liveness or
 *     startup), or null; cleared by {@link ProbeManager#killed}
 */
public record ProbeView(String containerId, boolean started, boolean ready, ProbeKind kill) {}
