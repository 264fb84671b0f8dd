package io.everynode.advisor.why;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three printed forms, compared whole. */
class AnswerTextTest {
    private final List<Answer> answers = List.of(
            Answer.of(
                    "node-1",
                    Reason.NODE_SELECTOR,
                    "node(s) didn't match Pod's node affinity/selector",
                    null,
                    List.of("nodeSelector pool=edge: node has no label pool")),
            Answer.of(
                    "a-much-longer-node",
                    Reason.RUNNING,
                    "runs agent-x, ready, current revision",
                    "agent-x",
                    List.of()));

    @Test
    void theTableAlignsNodeVerdictAndReasonColumns() {
        assertThat(AnswerText.table(answers)).isEqualTo("""
                        NODE                 VERDICT          REASON
                        node-1               should-not-run   NodeSelector: node(s) didn't match Pod's node affinity/selector
                        a-much-longer-node   runs             Running: runs agent-x, ready, current revision
                        """);
    }

    @Test
    void theDetailListsEveryFieldAndTheDetails() {
        assertThat(AnswerText.detail("default/agent", answers.get(0))).isEqualTo("""
                        DaemonSet: default/agent
                        Node:      node-1
                        Verdict:   should-not-run
                        Reason:    NodeSelector
                        Message:   node(s) didn't match Pod's node affinity/selector
                        Pod:       <none>
                        Details:
                          nodeSelector pool=edge: node has no label pool
                        """);
    }

    @Test
    void jsonNamesTheDaemonSetAndEveryNodesAnswer() {
        assertThat(AnswerText.json("default/agent", answers.subList(1, 2))).isEqualTo("""
                        {
                          "daemonSet" : "default/agent",
                          "nodes" : [ {
                            "node" : "a-much-longer-node",
                            "verdict" : "runs",
                            "reason" : "Running",
                            "message" : "runs agent-x, ready, current revision",
                            "pod" : "agent-x",
                            "details" : [ ]
                          } ]
                        }
                        """);
    }

    @Test
    void reasonCodesAreKubernetesStyleWords() {
        assertThat(Reason.UNTOLERATED_TAINT.code()).isEqualTo("UntoleratedTaint");
        assertThat(Reason.INSUFFICIENT_RESOURCES.code()).isEqualTo("InsufficientResources");
    }
}
