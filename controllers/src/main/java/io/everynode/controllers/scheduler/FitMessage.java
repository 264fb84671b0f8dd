package io.everynode.controllers.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Upstream's FailedScheduling text: "0/N nodes are available: " then "count reason" entries
 * (every reason of every node counted), sorted as plain strings, joined by ", ", ending in ".".
 * Preemption's own verdict, when preemption ran and failed, follows after a space as
 * "preemption: " + its message.
 */
final class FitMessage {
    static final String NO_NODES = "no nodes available to schedule pods";

    private FitMessage() {}

    static String format(int allNodes, Collection<List<String>> reasonsPerNode) {
        if (allNodes == 0) {
            return NO_NODES;
        }
        Map<String, Integer> histogram = new TreeMap<>();
        for (List<String> reasons : reasonsPerNode) {
            for (String r : reasons) {
                histogram.merge(r, 1, Integer::sum);
            }
        }
        List<String> entries = new ArrayList<>();
        histogram.forEach((reason, count) -> entries.add(count + " " + reason));
        entries.sort(null);
        return "0/" + allNodes + " nodes are available: " + String.join(", ", entries) + ".";
    }

    static String withPreemption(String fitMessage, String preemptionMessage) {
        return preemptionMessage == null || preemptionMessage.isEmpty()
                ? fitMessage
                : fitMessage + " preemption: " + preemptionMessage;
    }
}
