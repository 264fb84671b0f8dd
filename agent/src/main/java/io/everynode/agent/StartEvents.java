package io.everynode.agent;

import io.everynode.agent.container.ImageUnavailable;
import io.fabric8.kubernetes.api.model.Container;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The kubelet's events for one try at starting a container, worded as upstream's image manager
 * and container start word them (pure: the agent records what this answers). A try whose image
 * was had makes {@code Pulled} (already present, or how long its pull took), then {@code Created}
 * and {@code Started} once the container has an instance. A failed pull makes {@code Failed}
 * with the registry's error, {@code Failed} "Error: ErrImagePull", then the back-off that follows
 * every failed pull: {@code BackOff} "Back-off pulling image" and {@code Failed} "Error:
 * ImagePullBackOff". Image names are the container's {@code image} as written.
 */
final class StartEvents {
    static final String NORMAL = "Normal";
    static final String WARNING = "Warning";

    /** One event to record about the pod. */
    record Event(String type, String reason, String message) {
        static Event normal(String reason, String message) {
            return new Event(NORMAL, reason, message);
        }

        static Event warning(String reason, String message) {
            return new Event(WARNING, reason, message);
        }
    }

    private StartEvents() {}

    /** A pull of the container's image begins. */
    static List<Event> pulling(Container c) {
        return List.of(Event.normal("Pulling", "Pulling image " + quoted(c)));
    }

    /** A try of a runtime that pulls images ended as {@code attempt} says, leaving the container as {@code after}. */
    static List<Event> tried(Container c, PullAttempt attempt, RuntimeContainer after) {
        List<Event> out = new ArrayList<>();
        switch (attempt.outcome()) {
            case PRESENT -> out.add(alreadyPresent(c));
            case PULLED ->
                out.add(Event.normal(
                        "Pulled",
                        "Successfully pulled image " + quoted(c) + " in " + goDuration(attempt.pullTime()) + " ("
                                + goDuration(attempt.totalTime()) + " including waiting). Image size: "
                                + attempt.imageSize() + " bytes."));
            case FAILED -> {
                failed(c, attempt, out);
                return out;
            }
        }
        creation(c, after, out);
        return out;
    }

    /**
     * A start on a runtime whose images are local (the process and simulated runtimes): the
     * image is always present. A container left waiting on its image gets no events (its runtime
     * tries again by itself); one whose configuration was refused gets {@code Failed} with why.
     */
    static List<Event> localImage(Container c, RuntimeContainer after) {
        if (after != null
                && after.state() == RuntimeContainer.State.WAITING
                && after.reason() != null
                && after.reason().contains("Image")) return List.of();
        List<Event> out = new ArrayList<>();
        out.add(alreadyPresent(c));
        if (after != null
                && after.state() == RuntimeContainer.State.WAITING
                && "CreateContainerConfigError".equals(after.reason())) {
            out.add(Event.warning("Failed", "Error: " + after.message()));
            return out;
        }
        out.add(created(c));
        out.add(started(c));
        return out;
    }

    private static void failed(Container c, PullAttempt attempt, List<Event> out) {
        String reason = attempt.reason();
        switch (reason) {
            case ImageUnavailable.PULL_FAILED -> {
                out.add(Event.warning("Failed", "Failed to pull image " + quoted(c) + ": " + attempt.message()));
                out.add(Event.warning("Failed", "Error: " + ImageUnavailable.PULL_FAILED));
                // The runtime waits out the image back-off before the next try.
                out.add(Event.normal("BackOff", "Back-off pulling image " + quoted(c)));
                out.add(Event.warning("Failed", "Error: ImagePullBackOff"));
            }
            case ImageUnavailable.NEVER_PULL -> {
                out.add(Event.warning(
                        "ErrImageNeverPull",
                        "Container image " + quoted(c) + " is not present with pull policy of Never"));
                out.add(Event.warning("Failed", "Error: " + reason));
            }
            case ImageUnavailable.INVALID_NAME -> {
                out.add(Event.warning("InspectFailed", attempt.message()));
                out.add(Event.warning("Failed", "Error: " + reason));
            }
            default -> out.add(Event.warning("Failed", "Error: " + reason));
        }
    }

    /** Created and Started once the try gave the container an instance; Failed when its configuration was refused. */
    private static void creation(Container c, RuntimeContainer after, List<Event> out) {
        if (after == null) return;
        if (after.state() == RuntimeContainer.State.WAITING) {
            if ("CreateContainerConfigError".equals(after.reason()))
                out.add(Event.warning("Failed", "Error: " + after.message()));
            return; // a sandbox or volume not ready yet: the runtime tries again
        }
        if (after.id() == null) return;
        out.add(created(c));
        out.add(started(c));
    }

    private static Event alreadyPresent(Container c) {
        return Event.normal("Pulled", "Container image " + quoted(c) + " already present on machine");
    }

    private static Event created(Container c) {
        return Event.normal("Created", "Created container: " + c.getName());
    }

    private static Event started(Container c) {
        return Event.normal("Started", "Started container " + c.getName());
    }

    private static String quoted(Container c) {
        return "\"" + (c.getImage() == null ? "" : c.getImage()) + "\"";
    }

    /**
     * A duration as Go prints a {@code time.Duration} truncated to milliseconds, which is how the
     * kubelet writes pull times: {@code 0s}, {@code 345ms}, {@code 1.2s}, {@code 1m3.05s},
     * {@code 1h0m0s}.
     */
    static String goDuration(Duration d) {
        long ms = d.isNegative() ? 0 : d.toMillis();
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long s = ms / 1000 % 60;
        long frac = ms % 1000;
        StringBuilder b = new StringBuilder();
        if (h > 0) b.append(h).append('h');
        if (h > 0 || m > 0) b.append(m).append('m');
        b.append(s);
        if (frac > 0) {
            String digits = String.format("%03d", frac);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') end--;
            b.append('.').append(digits, 0, end);
        }
        return b.append('s').toString();
    }
}
