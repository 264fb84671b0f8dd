package io.everynode.apiserver.table;

import io.everynode.api.Pods;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The READY, STATUS and RESTARTS cells of a pod, computed the way kube-apiserver's pod printer
 * does (kubectl-contract.md §1.4; daemonset-rules.md §7 "Pod" cell rules).
 *
 * <p>STATUS starts from {@code status.reason}, else the phase; a {@code PodScheduled} condition
 * with reason {@code SchedulingGated} overrides it. Init containers are walked in order: one that
 * exited 0, or a started restartable (sidecar, {@code restartPolicy: Always}) one, is passed;
 * the first other one decides {@code Init:<reason>}, {@code Init:Signal:n},
 * {@code Init:ExitCode:n} or {@code Init:i/n}. Unless still initializing (and the Initialized
 * condition is not True), app containers are walked last to first: a waiting or terminated
 * reason wins, {@code Signal:n}/{@code ExitCode:n} stand in for a missing terminated reason, and
 * {@code Completed} turns back into {@code Running}/{@code NotReady} while some container still
 * runs ready. Finally a pod being deleted shows {@code Unknown} when its reason is
 * {@code NodeLost}, else {@code Terminating} unless its phase is terminal.
 *
 * <p>RESTARTS sums restart counts (init containers while initializing; otherwise sidecars plus
 * app containers) and appends {@code " (<age> ago)"} of the latest last-termination when known.
 */
record PodSummary(String ready, String status, String restarts) {

    /** Pod reason the node lifecycle controller sets on pods of an unreachable node. */
    static final String NODE_UNREACHABLE_REASON = "NodeLost";

    static PodSummary of(Pod pod, Instant now) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<Container> initSpecs = list(spec.getInitContainers());
        List<ContainerStatus> initStatuses = list(status.getInitContainerStatuses());
        List<ContainerStatus> appStatuses = list(status.getContainerStatuses());

        int total = list(spec.getContainers()).size();
        int ready = 0;
        long restarts = 0;
        long sidecarRestarts = 0;
        Optional<Instant> lastRestart = Optional.empty();
        Optional<Instant> lastSidecarRestart = Optional.empty();

        String phase = Columns.str(status.getPhase());
        String reason = isEmpty(status.getReason()) ? phase : status.getReason();
        for (PodCondition c : list(status.getConditions())) {
            if ("PodScheduled".equals(c.getType()) && "SchedulingGated".equals(c.getReason())) {
                reason = "SchedulingGated";
            }
        }

        Map<String, Container> initByName = new HashMap<>();
        for (Container c : initSpecs) {
            initByName.put(c.getName(), c);
            if (isRestartable(c)) {
                total++;
            }
        }

        boolean initializing = false;
        for (int i = 0; i < initStatuses.size(); i++) {
            ContainerStatus cs = initStatuses.get(i);
            boolean restartable = isRestartable(initByName.get(cs.getName()));
            restarts += count(cs.getRestartCount());
            lastRestart = later(lastRestart, lastTerminationFinish(cs));
            if (restartable) {
                sidecarRestarts += count(cs.getRestartCount());
                lastSidecarRestart = later(lastSidecarRestart, lastTerminationFinish(cs));
            }
            ContainerStateTerminated terminated = terminated(cs.getState());
            ContainerStateWaiting waiting = waiting(cs.getState());
            if (terminated != null && exitCode(terminated) == 0) {
                continue;
            }
            if (restartable && Boolean.TRUE.equals(cs.getStarted())) {
                if (Boolean.TRUE.equals(cs.getReady())) {
                    ready++;
                }
                continue;
            }
            if (terminated != null) {
                if (isEmpty(terminated.getReason())) {
                    reason = signal(terminated) != 0
                            ? "Init:Signal:" + signal(terminated)
                            : "Init:ExitCode:" + exitCode(terminated);
                } else {
                    reason = "Init:" + terminated.getReason();
                }
            } else if (waiting != null
                    && !isEmpty(waiting.getReason())
                    && !"PodInitializing".equals(waiting.getReason())) {
                reason = "Init:" + waiting.getReason();
            } else {
                reason = "Init:" + i + "/" + initSpecs.size();
            }
            initializing = true;
            break;
        }

        if (!initializing || isInitialized(status)) {
            restarts = sidecarRestarts;
            lastRestart = lastSidecarRestart;
            boolean hasRunning = false;
            for (int i = appStatuses.size() - 1; i >= 0; i--) {
                ContainerStatus cs = appStatuses.get(i);
                restarts += count(cs.getRestartCount());
                lastRestart = later(lastRestart, lastTerminationFinish(cs));
                ContainerStateTerminated terminated = terminated(cs.getState());
                ContainerStateWaiting waiting = waiting(cs.getState());
                if (waiting != null && !isEmpty(waiting.getReason())) {
                    reason = waiting.getReason();
                } else if (terminated != null && !isEmpty(terminated.getReason())) {
                    reason = terminated.getReason();
                } else if (terminated != null) {
                    reason = signal(terminated) != 0
                            ? "Signal:" + signal(terminated)
                            : "ExitCode:" + exitCode(terminated);
                } else if (Boolean.TRUE.equals(cs.getReady())
                        && cs.getState() != null
                        && cs.getState().getRunning() != null) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = Pods.isReady(pod) ? "Running" : "NotReady";
            }
        }

        boolean deleting =
                !isEmpty(pod.getMetadata() == null ? null : pod.getMetadata().getDeletionTimestamp());
        if (deleting && NODE_UNREACHABLE_REASON.equals(status.getReason())) {
            reason = "Unknown";
        } else if (deleting && !Pods.isTerminalPhase(phase)) {
            reason = "Terminating";
        }

        String restartText = Long.toString(restarts);
        if (restarts != 0 && lastRestart.isPresent()) {
            restartText = restarts + " (" + HumanDuration.of(Duration.between(lastRestart.get(), now)) + " ago)";
        }
        return new PodSummary(ready + "/" + total, reason, restartText);
    }

    /** A sidecar: an init container with {@code restartPolicy: Always}. */
    private static boolean isRestartable(Container c) {
        return c != null && "Always".equals(c.getRestartPolicy());
    }

    /** The first {@code Initialized} condition decides, as upstream's isPodInitializedConditionTrue. */
    private static boolean isInitialized(PodStatus status) {
        return list(status.getConditions()).stream()
                .filter(c -> "Initialized".equals(c.getType()))
                .findFirst()
                .map(c -> "True".equals(c.getStatus()))
                .orElse(false);
    }

    private static Optional<Instant> lastTerminationFinish(ContainerStatus cs) {
        ContainerStateTerminated t = terminated(cs.getLastState());
        return t == null ? Optional.empty() : Times.parse(t.getFinishedAt());
    }

    private static Optional<Instant> later(Optional<Instant> current, Optional<Instant> candidate) {
        if (candidate.isEmpty()) {
            return current;
        }
        if (current.isEmpty() || current.get().isBefore(candidate.get())) {
            return candidate;
        }
        return current;
    }

    private static ContainerStateTerminated terminated(ContainerState s) {
        return s == null ? null : s.getTerminated();
    }

    private static ContainerStateWaiting waiting(ContainerState s) {
        return s == null ? null : s.getWaiting();
    }

    private static int exitCode(ContainerStateTerminated t) {
        return t.getExitCode() == null ? 0 : t.getExitCode();
    }

    private static int signal(ContainerStateTerminated t) {
        return t.getSignal() == null ? 0 : t.getSignal();
    }

    private static long count(Integer i) {
        return i == null ? 0 : i;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static <E> List<E> list(List<E> l) {
        return l == null ? List.of() : l;
    }
}
