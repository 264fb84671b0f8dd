package io.everynode.dashboard.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import io.everynode.controllers.daemonset.DaemonSetFacts;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** R4.7: the revision {@code kubectl rollout undo ds/NAME} goes back to, as a table. */
class RolloutUndoTest {
    private static final DaemonSet DS = RolloutFactsTest.ds("RollingUpdate", 1, 0, 10, Map.of());
    private static final String CURRENT = DaemonSetFacts.currentHash(DS);

    /** A revision {@code n} with {@code hash}, controlled by {@code owner}'s uid (null: an orphan). */
    private static ControllerRevision rev(String name, long n, String hash, String owner) {
        var b = new ControllerRevisionBuilder()
                .withNewMetadata()
                .withNamespace("default")
                .withName(name)
                .addToLabels("app", "agent")
                .addToLabels(DaemonSetFacts.HASH_LABEL, hash)
                .endMetadata()
                .withRevision(n)
                .withData(Map.of("spec", Map.of("template", Map.of("$patch", "replace"))));
        if (owner != null) {
            b.editMetadata()
                    .addNewOwnerReference()
                    .withApiVersion("apps/v1")
                    .withKind("DaemonSet")
                    .withName("agent")
                    .withUid(owner)
                    .withController(true)
                    .endOwnerReference()
                    .endMetadata();
        }
        return b.build();
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(List.of(), RolloutUndo.Kind.NONE, null, "no last revision to roll back to"),
                Arguments.of(
                        List.of(rev("agent-c", 1, CURRENT, "uid-1")),
                        RolloutUndo.Kind.NONE,
                        null,
                        "no last revision to roll back to"),
                // the second-highest number, whatever the list's order
                Arguments.of(
                        List.of(
                                rev("agent-a", 1, "aaa", "uid-1"),
                                rev("agent-c", 3, CURRENT, "uid-1"),
                                rev("agent-b", 2, "bbb", "uid-1")),
                        RolloutUndo.Kind.ROLL_BACK,
                        "agent-b",
                        "rolled back to revision 2"),
                // revisions of another DaemonSet, or of none, are not this one's history
                Arguments.of(
                        List.of(
                                rev("agent-c", 3, CURRENT, "uid-1"),
                                rev("other-x", 2, "xxx", "uid-2"),
                                rev("orphan-y", 5, "yyy", null),
                                rev("agent-a", 1, "aaa", "uid-1")),
                        RolloutUndo.Kind.ROLL_BACK,
                        "agent-a",
                        "rolled back to revision 1"),
                // a new template not yet recorded: the previous revision is the current template
                Arguments.of(
                        List.of(rev("agent-n", 4, "nnn", "uid-1"), rev("agent-c", 3, CURRENT, "uid-1")),
                        RolloutUndo.Kind.SKIP,
                        "agent-c",
                        "skipped rollback (current template already matches revision 3)"));
    }

    @ParameterizedTest(name = "{2}: {3}")
    @MethodSource("table")
    void undoGoesToThePreviousRevisionOfThisDaemonSet(
            List<ControllerRevision> revisions, RolloutUndo.Kind kind, String chosen, String message) {
        RolloutUndo.Choice c = RolloutUndo.choose(DS, new ArrayList<>(revisions));

        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.revision() == null ? null : c.revision().getMetadata().getName())
                .isEqualTo(chosen);
        assertThat(c.message()).isEqualTo(message);
    }

    static Stream<Arguments> toRevision() {
        List<ControllerRevision> history = List.of(
                rev("agent-a", 1, "aaa", "uid-1"),
                rev("agent-c", 3, CURRENT, "uid-1"),
                rev("other-x", 2, "xxx", "uid-2"),
                rev("agent-b", 2, "bbb", "uid-1"));
        return Stream.of(
                // --to-revision=N: revision N of this DaemonSet, not the previous one
                Arguments.of(history, 1L, RolloutUndo.Kind.ROLL_BACK, "agent-a", "rolled back to revision 1"),
                Arguments.of(history, 2L, RolloutUndo.Kind.ROLL_BACK, "agent-b", "rolled back to revision 2"),
                // 0 is kubectl's default: the previous revision
                Arguments.of(history, 0L, RolloutUndo.Kind.ROLL_BACK, "agent-b", "rolled back to revision 2"),
                Arguments.of(
                        history,
                        3L,
                        RolloutUndo.Kind.SKIP,
                        "agent-c",
                        "skipped rollback (current template already matches revision 3)"),
                Arguments.of(
                        history, 9L, RolloutUndo.Kind.NONE, null, "unable to find specified revision 9 in history"),
                // one revision is no history for the previous one, but is one to name
                Arguments.of(
                        List.of(rev("agent-c", 3, CURRENT, "uid-1")),
                        3L,
                        RolloutUndo.Kind.SKIP,
                        "agent-c",
                        "skipped rollback (current template already matches revision 3)"));
    }

    @ParameterizedTest(name = "--to-revision={1}: {4}")
    @MethodSource("toRevision")
    void undoToARevisionGoesToThatRevisionOfThisDaemonSet(
            List<ControllerRevision> revisions, long to, RolloutUndo.Kind kind, String chosen, String message) {
        RolloutUndo.Choice c = RolloutUndo.choose(DS, new ArrayList<>(revisions), to);

        assertThat(c.kind()).isEqualTo(kind);
        assertThat(c.revision() == null ? null : c.revision().getMetadata().getName())
                .isEqualTo(chosen);
        assertThat(c.message()).isEqualTo(message);
    }

    /** The revision data the controller records (R4.1), as a stored revision holds it. */
    private static ControllerRevision recorded(Object data) {
        return new ControllerRevisionBuilder()
                .withNewMetadata()
                .withName("agent-b")
                .endMetadata()
                .withRevision(2L)
                .withData(data)
                .build();
    }

    @Test
    void anAdvancedDaemonSetsUndoPutsTheRevisionsTemplateInPlaceWholeWithoutTheDirective() {
        Map<String, Object> template = Map.of(
                "metadata", Map.of("labels", Map.of("app", "agent")),
                "spec", Map.of("containers", List.of(Map.of("name", "agent", "image", "agent:1"))),
                "$patch", "replace");

        String patch = RolloutUndo.advancedPatch(recorded(Map.of("spec", Map.of("template", template))));

        assertThat(Json.parse(patch.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(Json.parse(("[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":{"
                                + "\"metadata\":{\"labels\":{\"app\":\"agent\"}},"
                                + "\"spec\":{\"containers\":[{\"name\":\"agent\",\"image\":\"agent:1\"}]}}}]")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aRevisionStoredAsTextIsReadLikeOneStoredAsAnObject() {
        String text = "{\"spec\":{\"template\":{\"spec\":{\"containers\":[]},\"$patch\":\"replace\"}}}";

        assertThat(RolloutUndo.advancedPatch(recorded(text)))
                .isEqualTo(
                        "[{\"op\":\"replace\",\"path\":\"/spec/template\",\"value\":{\"spec\":{\"containers\":[]}}}]");
    }

    @Test
    void aRevisionWithoutATemplateIsRefusedNotSentAsAnEmptyTemplate() {
        assertThatThrownBy(() -> RolloutUndo.advancedPatch(recorded(Map.of("spec", Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("revision agent-b holds no spec.template");
    }
}
