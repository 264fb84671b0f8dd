package io.everynode.controllers.daemonset;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * E3.2: which pods of the new revision are failing, and why. Pure. A pod fails when it is
 * crash-looping (a container waits in {@code CrashLoopBackOff}, a container restarted
 * {@code RESTARTS} times or more, or the pod Failed) or when it has not been Ready for longer than
 * the threshold since it was created. Terminating pods are not counted.
 */
final class FailingPods {
    /** One failing pod: its name, its node and the reason in words. */
    record Failing(String pod, String node, String reason) {}

    /** The failing pods (in pod name order) and when a pod not yet counted would cross the threshold. */
    record Result(List<Failing> failing, Optional<Duration> recheck) {}

    private FailingPods() {}

    static Result of(List<Pod> newPods, int unreadySeconds, int restarts, Instant now) {
        List<Failing> failing = new ArrayList<>();
        Instant next = null;
        for (Pod p : newPods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList()) {
            if (PodFacts.terminating(p) || PodFacts.ready(p)) {
                continue;
            }
            Optional<String> crash = crash(p, restarts);
            if (crash.isPresent()) {
                failing.add(new Failing(p.getMetadata().getName(), PodFacts.targetNode(p), crash.get()));
                continue;
            }
            Instant due = PodFacts.created(p).plusSeconds(unreadySeconds);
            if (now.isAfter(due)) {
                failing.add(new Failing(
                        p.getMetadata().getName(),
                        PodFacts.targetNode(p),
                        "not ready for more than " + unreadySeconds + "s"));
            } else if (next == null || due.isBefore(next)) {
                next = due;
            }
        }
        return new Result(
                failing,
                Optional.ofNullable(next).map(t -> Duration.between(now, t).plus(RolloutProgress.MARGIN)));
    }

    private static Optional<String> crash(Pod p, int restarts) {
        if (p.getStatus() == null) {
            return Optional.empty();
        }
        if ("Failed".equals(p.getStatus().getPhase())) {
            return Optional.of("pod failed");
        }
        List<ContainerStatus> statuses = Stream.concat(
                        stream(p.getStatus().getInitContainerStatuses()),
                        stream(p.getStatus().getContainerStatuses()))
                .toList();
        for (ContainerStatus c : statuses) {
            if (c.getState() != null
                    && c.getState().getWaiting() != null
                    && "CrashLoopBackOff".equals(c.getState().getWaiting().getReason())) {
                return Optional.of("container " + c.getName() + " in CrashLoopBackOff" + exitCode(c));
            }
            if (c.getRestartCount() != null && c.getRestartCount() >= restarts) {
                return Optional.of(
                        "container " + c.getName() + " restarted " + c.getRestartCount() + " times" + exitCode(c));
            }
        }
        return Optional.empty();
    }

    private static String exitCode(ContainerStatus c) {
        if (c.getLastState() != null && c.getLastState().getTerminated() != null) {
            return ", last exit code " + c.getLastState().getTerminated().getExitCode();
        }
        return "";
    }

    private static Stream<ContainerStatus> stream(List<ContainerStatus> l) {
        return l == null ? Stream.empty() : l.stream();
    }
}
