package io.everynode.advisor.why;

import java.util.List;

/**
 * The answer for one node: the verdict, the reason, one line of message (upstream's words) and
 * the details a single-node answer prints (pod, revision, amounts, exit codes, restarts).
 *
 * @param pod the daemon pod the answer is about, or null when the node has none
 */
public record Answer(String node, Verdict verdict, Reason reason, String message, String pod, List<String> details) {
    public Answer {
        details = List.copyOf(details);
    }

    static Answer of(String node, Reason reason, String message, String pod, List<String> details) {
        return new Answer(node, reason.verdict(), reason, message, pod, details);
    }
}
