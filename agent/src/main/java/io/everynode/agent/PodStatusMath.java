package io.everynode.agent;

import io.everynode.agent.probe.ProbeView;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod status the agent reports, as a pure function of the pod, what the runtime holds and
 * the agent's own restart bookkeeping. Condition transition times are kept from the pod's
 * current status while a condition's status does not change, so computing twice from the same
 * inputs gives the same status (the sync is idempotent and writes only on change).
 */
final class PodStatusMath {
    static final String POD_SCHEDULED = "PodScheduled";
    static final String INITIALIZED = "Initialized";
    static final String CONTAINERS_READY = "ContainersReady";
    static final String READY = "Ready";
    /** The conditions the agent computes and writes (the kubelet's own); any other is left alone. */
    static final java.util.Set<String> OWN_CONDITIONS =
            java.util.Set.of(POD_SCHEDULED, INITIALIZED, CONTAINERS_READY, READY);

    /**
     * Per-container facts the agent keeps.
     *
     * @param restarts restart count of each container
     * @param backoffUntil containers waiting out a CrashLoopBackOff, until when
     * @param probes what the probes say per container name; a container instance without a view
     *     is started unless it has a startup probe, and ready unless it has a readiness probe
     * @param configErrors containers the agent could not start because a ConfigMap or Secret their
     *     environment names is missing, with the message; they wait in CreateContainerConfigError
     */
    record Bookkeeping(
            Map<String, Integer> restarts,
            Map<String, Instant> backoffUntil,
            Map<String, ProbeView> probes,
            Map<String, String> configErrors) {
        Bookkeeping(Map<String, Integer> restarts, Map<String, Instant> backoffUntil) {
            this(restarts, backoffUntil, Map.of());
        }

        Bookkeeping(Map<String, Integer> restarts, Map<String, Instant> backoffUntil, Map<String, ProbeView> probes) {
            this(restarts, backoffUntil, probes, Map.of());
        }
    }

    private PodStatusMath() {}

    static PodStatus compute(Pod pod, RuntimePod rp, Bookkeeping book, String hostIP, Instant now) {
        PodStatus current = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        String restartPolicy = pod.getSpec().getRestartPolicy() == null
                ? "Always"
                : pod.getSpec().getRestartPolicy();
        List<ContainerStatus> statuses = new ArrayList<>();
        List<String> unready = new ArrayList<>();
        int running = 0;
        int waiting = 0;
        int failed = 0;
        int terminatedForGood = 0;
        for (Container c : pod.getSpec().getContainers()) {
            RuntimeContainer rc = rp == null ? null : rp.containers().get(c.getName());
            int restarts = book.restarts().getOrDefault(c.getName(), 0);
            Instant backoff = book.backoffUntil().get(c.getName());
            String configError = book.configErrors().get(c.getName());
            ContainerStatus cs = configError != null && (rc == null || rc.state() != RuntimeContainer.State.RUNNING)
                    ? configErrorStatus(c, rc, restarts, configError)
                    : containerStatus(
                            pod, c, rc, restarts, backoff, book.probes().get(c.getName()), now);
            statuses.add(cs);
            if (!Boolean.TRUE.equals(cs.getReady())) unready.add(c.getName());
            if (rc == null || rc.state() == RuntimeContainer.State.WAITING || configError != null) {
                waiting++;
            } else if (rc.state() == RuntimeContainer.State.RUNNING) {
                running++;
            } else if (willRestart(restartPolicy, rc) && !(rp.stopping())) {
                running++; // a crashed container that restarts keeps the pod Running
            } else {
                terminatedForGood++;
                if (rc.exitCode() != null && rc.exitCode() != 0) failed++;
            }
        }
        int total = pod.getSpec().getContainers().size();
        String phase;
        if (terminatedForGood == total && total > 0 && !(rp != null && rp.stopping())) {
            phase = failed > 0 ? "Failed" : "Succeeded";
        } else if (running > 0 || (terminatedForGood > 0 && waiting == 0)) {
            phase = "Running";
        } else {
            phase = "Pending";
        }
        if (rp != null && rp.stopping() && current.getPhase() != null)
            phase = current.getPhase(); // a stopping pod keeps its phase

        boolean allReady = unready.isEmpty() && total > 0;
        String notReadyMessage = "containers with unready status: [" + String.join(" ", unready) + "]";
        // Conditions others own (a controller's readiness gate, say) stay as the API has them.
        List<PodCondition> foreign = current.getConditions() == null
                ? List.of()
                : current.getConditions().stream()
                        .filter(c -> !OWN_CONDITIONS.contains(c.getType()))
                        .toList();
        String gates = allReady ? ReadinessGates.unready(pod, foreign) : null;
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(current, POD_SCHEDULED, true, null, null, now));
        conditions.add(condition(current, INITIALIZED, true, null, null, now));
        conditions.add(
                gates == null
                        ? condition(current, READY, allReady, "ContainersNotReady", notReadyMessage, now)
                        : condition(current, READY, false, ReadinessGates.REASON, gates, now));
        conditions.add(condition(current, CONTAINERS_READY, allReady, "ContainersNotReady", notReadyMessage, now));
        conditions.addAll(foreign);

        PodStatus out = new PodStatus();
        out.setPhase(phase);
        out.setConditions(conditions);
        out.setContainerStatuses(statuses);
        out.setHostIP(hostIP);
        out.setHostIPs(List.of(new HostIP(hostIP)));
        if (rp != null) {
            out.setPodIP(rp.podIP());
            out.setPodIPs(rp.podIPs().stream().map(PodIP::new).toList());
        }
        out.setStartTime(current.getStartTime() != null ? current.getStartTime() : time(now));
        return out;
    }

    /** Whether a terminated container is started again under the pod's restartPolicy. */
    static boolean willRestart(String restartPolicy, RuntimeContainer rc) {
        return switch (restartPolicy) {
            case "Never" -> false;
            case "OnFailure" -> rc.exitCode() != null && rc.exitCode() != 0;
            default -> true;
        };
    }

    /** A container the agent does not start while a source of its environment is missing (the kubelet's CreateContainerConfigError). */
    private static ContainerStatus configErrorStatus(Container c, RuntimeContainer rc, int restarts, String message) {
        ContainerStatusBuilder b = new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(c.getImage())
                .withImageID(rc == null ? "" : rc.imageID())
                .withRestartCount(restarts)
                .withReady(false)
                .withStarted(false)
                .withState(new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason("CreateContainerConfigError")
                        .withMessage(message)
                        .endWaiting()
                        .build());
        if (rc != null && rc.state() == RuntimeContainer.State.TERMINATED)
            b.withLastState(terminated(rc.asTerminated()));
        return b.build();
    }

    private static ContainerStatus containerStatus(
            Pod pod, Container c, RuntimeContainer rc, int restarts, Instant backoff, ProbeView probes, Instant now) {
        ContainerStatusBuilder b = new ContainerStatusBuilder()
                .withName(c.getName())
                .withImage(c.getImage())
                .withRestartCount(restarts);
        if (rc == null) {
            return b.withImageID("")
                    .withReady(false)
                    .withStarted(false)
                    .withState(new ContainerStateBuilder()
                            .withNewWaiting()
                            .withReason("ContainerCreating")
                            .endWaiting()
                            .build())
                    .build();
        }
        b.withImageID(rc.imageID()).withContainerID(rc.id());
        if (rc.last() != null) b.withLastState(terminated(rc.last()));
        switch (rc.state()) {
            case WAITING ->
                b.withReady(false)
                        .withStarted(false)
                        .withState(new ContainerStateBuilder()
                                .withNewWaiting()
                                .withReason(rc.reason())
                                .withMessage(rc.message())
                                .endWaiting()
                                .build());
            case RUNNING ->
                b.withReady(rc.ready() && probedReady(c, rc, probes))
                        .withStarted(probedStarted(c, rc, probes))
                        .withState(new ContainerStateBuilder()
                                .withNewRunning()
                                .withStartedAt(time(rc.startedAt()))
                                .endRunning()
                                .build());
            case TERMINATED -> {
                b.withReady(false).withStarted(false);
                if (backoff != null && now.isBefore(backoff)) {
                    long secs = Math.max(
                            1, Duration.between(rc.finishedAt(), backoff).toSeconds());
                    b.withLastState(terminated(rc.asTerminated()))
                            .withState(new ContainerStateBuilder()
                                    .withNewWaiting()
                                    .withReason("CrashLoopBackOff")
                                    .withMessage("back-off " + human(secs) + " restarting failed container="
                                            + c.getName() + " pod="
                                            + pod.getMetadata().getName() + "_"
                                            + pod.getMetadata().getNamespace() + "("
                                            + pod.getMetadata().getUid() + ")")
                                    .endWaiting()
                                    .build());
                } else {
                    b.withState(terminated(rc.asTerminated()));
                }
            }
        }
        return b.build();
    }

    /** started: the startup probe succeeded for this instance, or there is none. */
    private static boolean probedStarted(Container c, RuntimeContainer rc, ProbeView v) {
        return v != null && v.containerId().equals(rc.id()) ? v.started() : c.getStartupProbe() == null;
    }

    /** ready (on top of the runtime's own view): started, and the readiness probe succeeded for this instance, or there is none. */
    private static boolean probedReady(Container c, RuntimeContainer rc, ProbeView v) {
        if (v != null && v.containerId().equals(rc.id())) return v.started() && v.ready();
        return c.getStartupProbe() == null && c.getReadinessProbe() == null;
    }

    private static ContainerState terminated(RuntimeContainer.Terminated t) {
        return new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(t.exitCode())
                .withReason(t.reason())
                .withContainerID(t.id())
                .withStartedAt(time(t.startedAt()))
                .withFinishedAt(time(t.finishedAt()))
                .endTerminated()
                .build();
    }

    private static PodCondition condition(
            PodStatus current, String type, boolean ok, String reason, String message, Instant now) {
        String status = ok ? "True" : "False";
        String since = time(now);
        if (current.getConditions() != null) {
            for (PodCondition c : current.getConditions()) {
                if (type.equals(c.getType()) && status.equals(c.getStatus()) && c.getLastTransitionTime() != null) {
                    since = c.getLastTransitionTime();
                }
            }
        }
        PodConditionBuilder b =
                new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(since);
        if (!ok) b.withReason(reason).withMessage(message);
        return b.build();
    }

    /** Go's duration text for whole seconds, as the kubelet's back-off message prints it: 10s, 1m20s, 5m0s. */
    static String human(long secs) {
        return secs < 60 ? secs + "s" : (secs / 60) + "m" + (secs % 60) + "s";
    }

    static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
