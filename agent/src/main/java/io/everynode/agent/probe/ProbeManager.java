package io.everynode.agent.probe;

import io.everynode.agent.ContainerRuntime;
import io.everynode.agent.RuntimeContainer;
import io.everynode.agent.RuntimePod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One node agent's probes: liveness, readiness and startup workers per running container
 * instance, on the host's shared timers and {@link Probers}.
 *
 * <p>Contract with the sync loop (design.md rules 1 and 2): {@link #sync} after every sync of a
 * live pod starts workers for each newly running instance (a restarted container gets fresh
 * workers and thresholds), and holds those of instances no longer running; {@link #views} feeds
 * the pod status ({@code started}, {@code ready}) and the plan (a kill request after a liveness or
 * startup probe reached its failureThreshold); the sync calls {@link #killed} once it acted on
 * one; {@link #remove} when the pod goes. Every change of a probe result calls
 * {@link Listener#changed} with the pod key, which enqueues it. Thread-safe; per pod, calls come
 * from the one worker that syncs that pod.
 */
public final class ProbeManager implements AutoCloseable {

    /** Where probe workers report: a changed result (enqueue the pod) and events (Unhealthy, ProbeWarning). */
    public interface Listener {
        void changed(String podKey);

        void event(Pod pod, String type, String reason, String message);
    }

    private final ProbeContext ctx;
    /** Pod uid → container name → the probes of its latest running instance. */
    private final Map<String, Map<String, ContainerProbes>> pods = new ConcurrentHashMap<>();

    /**
     * @param simulatedNetwork true when the runtime's pod IPs are made up (see {@link ProbeContext})
     */
    public ProbeManager(
            ContainerRuntime runtime,
            Probers probers,
            ScheduledExecutorService timers,
            Clock clock,
            Listener listener,
            boolean simulatedNetwork) {
        this.ctx = new ProbeContext(
                runtime,
                probers,
                timers,
                clock,
                listener,
                uid -> runtime.pod(uid).map(RuntimePod::podIP).orElse(null),
                simulatedNetwork);
    }

    /** Starts workers for each container instance of {@code pod} that runs and has none yet; holds those of instances that stopped. */
    public void sync(Pod pod, RuntimePod rp) {
        String uid = pod.getMetadata().getUid();
        for (Container c : pod.getSpec().getContainers()) {
            if (!ContainerProbes.hasProbes(c)) continue;
            RuntimeContainer rc = rp == null ? null : rp.containers().get(c.getName());
            Map<String, ContainerProbes> byName = pods.get(uid);
            ContainerProbes cur = byName == null ? null : byName.get(c.getName());
            if (rc != null && rc.state() == RuntimeContainer.State.RUNNING && !rp.stopping()) {
                if (cur == null || !cur.id.equals(rc.id())) {
                    if (cur != null) cur.stop();
                    ContainerProbes next = new ContainerProbes(ctx, pod, c, rc.id(), rc.startedAt());
                    pods.computeIfAbsent(uid, u -> new ConcurrentHashMap<>()).put(c.getName(), next);
                    next.start();
                }
            } else if (cur != null) {
                cur.stop();
            }
        }
    }

    /** What the probes say about each probed container of the pod (by container name). */
    public Map<String, ProbeView> views(String uid) {
        Map<String, ContainerProbes> byName = pods.get(uid);
        if (byName == null) return Map.of();
        Map<String, ProbeView> out = new HashMap<>();
        byName.forEach((name, cp) -> out.put(name, cp.view()));
        return out;
    }

    /** The sync loop stopped the container for its kill request; the request is cleared so it acts once. */
    public void killed(String uid, String container) {
        Map<String, ContainerProbes> byName = pods.get(uid);
        ContainerProbes cp = byName == null ? null : byName.get(container);
        if (cp != null) cp.killed();
    }

    /** Stops and forgets every worker of the pod. */
    public void remove(String uid) {
        Map<String, ContainerProbes> byName = pods.remove(uid);
        if (byName != null) byName.values().forEach(ContainerProbes::stop);
    }

    @Override
    public void close() {
        for (String uid : pods.keySet()) remove(uid);
    }
}
