package io.everynode.advisor.why;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers from a daemon pod's own state, in the kubelet's and the scheduler's words: its
 * PodScheduled condition, its container statuses (CrashLoopBackOff, the last exit code and
 * reason, OOMKilled, restarts), its Unhealthy probe events and an eviction.
 */
final class PodAnswers {
    static final String EVICTED = "Evicted";
    private static final Set<String> PULL_BACK_OFF = Set.of("ImagePullBackOff", "ErrImagePull", "ErrImageNeverPull");

    private PodAnswers() {}

    /** A Failed pod the kubelet evicted: its status message (R9.4), else empty. */
    static Optional<Answer> evicted(String node, Pod pod) {
        if (pod.getStatus() == null || !EVICTED.equals(pod.getStatus().getReason())) {
            return Optional.empty();
        }
        return Optional.of(Answer.of(
                node,
                Reason.EVICTED,
                pod.getStatus().getMessage(),
                name(pod),
                List.of("phase " + pod.getStatus().getPhase())));
    }

    /** A pod not bound yet: preemption under way, or the scheduler's last word. */
    static Answer unscheduled(String node, Pod pod) {
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty()) {
            return Answer.of(
                    node,
                    Reason.PREEMPTION,
                    "nominated to " + nominated + ": waiting for preempted pods to terminate",
                    name(pod),
                    List.of());
        }
        String message = condition(pod, "PodScheduled")
                .filter(c -> "False".equals(c.getStatus()))
                .map(c -> c.getMessage() == null ? c.getReason() : c.getMessage())
                .orElse("not scheduled yet");
        return Answer.of(node, Reason.UNSCHEDULED, message, name(pod), List.of());
    }

    /** A bound pod that is not ready: crash loop, image back-off, readiness failure, or starting. */
    static Answer notReady(String node, Pod pod, List<Event> events) {
        List<ContainerStatus> statuses =
                pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                        ? List.of()
                        : pod.getStatus().getContainerStatuses();
        for (ContainerStatus c : statuses) {
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null && PULL_BACK_OFF.contains(waiting.getReason())) {
                return Answer.of(
                        node,
                        Reason.BACK_OFF,
                        waiting.getMessage() == null ? waiting.getReason() : waiting.getMessage(),
                        name(pod),
                        List.of("container " + c.getName() + ": " + waiting.getReason()));
            }
        }
        for (ContainerStatus c : statuses) {
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            boolean backingOff = waiting != null && "CrashLoopBackOff".equals(waiting.getReason());
            var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
            var now = c.getState() == null ? null : c.getState().getTerminated();
            var exit = now != null ? now : last;
            boolean crashed = exit != null
                    && (exit.getExitCode() == null || exit.getExitCode() != 0 || "OOMKilled".equals(exit.getReason()));
            if (backingOff || (crashed && !Boolean.TRUE.equals(c.getReady()))) {
                List<String> details = new ArrayList<>();
                details.add("container " + c.getName() + ": restarts "
                        + (c.getRestartCount() == null ? 0 : c.getRestartCount()));
                if (exit != null) {
                    details.add("last exit code " + exit.getExitCode() + " (" + exit.getReason() + ")"
                            + (exit.getFinishedAt() == null ? "" : " at " + exit.getFinishedAt()));
                }
                String message = backingOff && waiting.getMessage() != null
                        ? waiting.getMessage()
                        : "CrashLoopBackOff: container " + c.getName() + " exited with code "
                                + (exit == null ? "?" : exit.getExitCode());
                if (exit != null && "OOMKilled".equals(exit.getReason())) {
                    message = "OOMKilled: " + message;
                }
                return Answer.of(node, Reason.CRASH_LOOP, message, name(pod), details);
            }
        }
        boolean allRunning = !statuses.isEmpty()
                && statuses.stream()
                        .allMatch(c -> c.getState() != null && c.getState().getRunning() != null);
        if (allRunning) {
            Optional<Event> probe = latest(events, pod, "Unhealthy", "Readiness probe failed");
            List<String> details = new ArrayList<>();
            for (ContainerStatus c : statuses) {
                if (!Boolean.TRUE.equals(c.getReady())) {
                    details.add("container " + c.getName() + ": running, not ready, restarts "
                            + (c.getRestartCount() == null ? 0 : c.getRestartCount()));
                }
            }
            probe.ifPresent(e -> details.add("probe failed " + (e.getCount() == null ? 1 : e.getCount()) + " times"));
            return Answer.of(
                    node,
                    Reason.READINESS_FAILING,
                    probe.map(Event::getMessage).orElse("Readiness probe has not succeeded yet"),
                    name(pod),
                    details);
        }
        String phase = pod.getStatus() == null ? "Pending" : pod.getStatus().getPhase();
        List<String> details = new ArrayList<>();
        for (ContainerStatus c : statuses) {
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting != null) details.add("container " + c.getName() + ": " + waiting.getReason());
        }
        return Answer.of(node, Reason.STARTING, "pod " + phase + ", containers starting", name(pod), details);
    }

    /** The newest event of {@code reason} about {@code pod} whose message starts with {@code prefix}. */
    static Optional<Event> latest(List<Event> events, Pod pod, String reason, String prefix) {
        return events.stream()
                .filter(e -> e.getInvolvedObject() != null
                        && "Pod".equals(e.getInvolvedObject().getKind())
                        && name(pod).equals(e.getInvolvedObject().getName())
                        && (e.getInvolvedObject().getUid() == null
                                || e.getInvolvedObject()
                                        .getUid()
                                        .equals(pod.getMetadata().getUid()))
                        && reason.equals(e.getReason())
                        && e.getMessage() != null
                        && e.getMessage().startsWith(prefix))
                .max(Comparator.comparing(PodAnswers::when));
    }

    static String when(Event e) {
        if (e.getLastTimestamp() != null) return e.getLastTimestamp();
        if (e.getEventTime() != null && e.getEventTime().getTime() != null)
            return e.getEventTime().getTime();
        return e.getMetadata() == null || e.getMetadata().getCreationTimestamp() == null
                ? ""
                : e.getMetadata().getCreationTimestamp();
    }

    static Optional<PodCondition> condition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) return Optional.empty();
        return pod.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst();
    }

    static boolean ready(Pod pod) {
        return condition(pod, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    static String name(Pod pod) {
        return pod.getMetadata().getName();
    }
}
