package io.everynode.dashboard;

import io.everynode.advisor.DaemonSetKind;
import io.everynode.advisor.why.Answer;
import io.everynode.advisor.why.AnswerText;
import io.everynode.advisor.why.WhyAnswers;
import io.everynode.advisor.why.WhyInput;
import io.everynode.advisor.why.WhyReader;
import io.everynode.client.KubeClient;
import java.time.Clock;
import java.util.List;

/**
 * The why panel: {@code everynode why}'s own answer for one node (advisor.why), read through the
 * caller's client, so it shows only what the caller may read; for either kind (an Advanced
 * DaemonSet read through its view, as {@code everynode why ads/NAME} does). Gets and lists only.
 */
final class WhyEndpoint {
    private final Clock clock;

    WhyEndpoint(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code {"daemonSet": "ns/name", "nodes": [{node, verdict, reason, message, pod, details}]}}
     * with the one node's answer (none when the node does not exist).
     *
     * @throws io.everynode.client.ApiError when a read is refused or the DaemonSet is missing
     */
    byte[] answer(KubeClient caller, DaemonSetKind kind, String namespace, String name, String node) {
        WhyInput in = new WhyReader(caller, clock).read(kind, namespace, name);
        List<Answer> answers = new WhyAnswers().answer(in, node);
        return Replies.utf8(AnswerText.json(namespace + "/" + name, answers));
    }
}
