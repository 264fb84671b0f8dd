package io.everynode.controllers.scheduler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.List;

/** Records every write as one line of text, in order; can be told to fail binds. */
final class RecordingActions implements SchedulerActions {
    final List<String> log = new ArrayList<>();
    boolean failBinds;

    @Override
    public void bind(Pod pod, String nodeName) {
        if (failBinds) {
            throw new IllegalStateException("bind refused");
        }
        log.add("bind " + name(pod) + " " + nodeName);
    }

    @Override
    public void updatePodCondition(Pod pod, PodCondition c) {
        log.add("condition " + name(pod) + " " + c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": "
                + c.getMessage());
    }

    @Override
    public void setNominatedNode(Pod pod, String nodeName) {
        log.add("nominate " + name(pod) + " '" + nodeName + "'");
    }

    @Override
    public void deletePod(Pod pod) {
        log.add("delete " + name(pod));
    }

    @Override
    public void recordEvent(Pod regarding, String type, String reason, String message) {
        log.add("event " + name(regarding) + " " + type + " " + reason + ": " + message);
    }

    List<String> starting(String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private static String name(Pod p) {
        return p.getMetadata().getName();
    }
}
