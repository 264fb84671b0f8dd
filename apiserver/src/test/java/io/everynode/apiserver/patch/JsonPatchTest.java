package io.everynode.apiserver.patch;

import static io.everynode.apiserver.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonPatchTest {

    /** RFC 6902 Appendix A (the successful ones), plus escapes, "-" and index edge cases. */
    static Stream<Arguments> successfulPatches() {
        return Stream.of(
                Arguments.of(
                        "A.1 add an object member",
                        "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz','value':'qux'}]",
                        "{'baz':'qux','foo':'bar'}"),
                Arguments.of(
                        "A.2 add an array element",
                        "{'foo':['bar','baz']}",
                        "[{'op':'add','path':'/foo/1','value':'qux'}]",
                        "{'foo':['bar','qux','baz']}"),
                Arguments.of(
                        "A.3 remove an object member",
                        "{'baz':'qux','foo':'bar'}",
                        "[{'op':'remove','path':'/baz'}]",
                        "{'foo':'bar'}"),
                Arguments.of(
                        "A.4 remove an array element",
                        "{'foo':['bar','qux','baz']}",
                        "[{'op':'remove','path':'/foo/1'}]",
                        "{'foo':['bar','baz']}"),
                Arguments.of(
                        "A.5 replace a value",
                        "{'baz':'qux','foo':'bar'}",
                        "[{'op':'replace','path':'/baz','value':'boo'}]",
                        "{'baz':'boo','foo':'bar'}"),
                Arguments.of(
                        "A.6 move a value",
                        "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}",
                        "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
                        "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}"),
                Arguments.of(
                        "A.7 move an array element",
                        "{'foo':['all','grass','cows','eat']}",
                        "[{'op':'move','from':'/foo/1','path':'/foo/3'}]",
                        "{'foo':['all','cows','eat','grass']}"),
                Arguments.of(
                        "A.8 test a value",
                        "{'baz':'qux','foo':['a',2,'c']}",
                        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}]",
                        "{'baz':'qux','foo':['a',2,'c']}"),
                Arguments.of(
                        "A.10 add a nested member object",
                        "{'foo':'bar'}",
                        "[{'op':'add','path':'/child','value':{'grandchild':{}}}]",
                        "{'foo':'bar','child':{'grandchild':{}}}"),
                Arguments.of(
                        "A.11 ignore unrecognised members",
                        "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz','value':'qux','xyz':123}]",
                        "{'foo':'bar','baz':'qux'}"),
                Arguments.of(
                        "A.14 ~0 and ~1 escapes",
                        "{'/':9,'~1':10}",
                        "[{'op':'test','path':'/~01','value':10},{'op':'test','path':'/~1','value':9}]",
                        "{'/':9,'~1':10}"),
                Arguments.of(
                        "A.16 add an array value",
                        "{'foo':['bar']}",
                        "[{'op':'add','path':'/foo/-','value':['abc','def']}]",
                        "{'foo':['bar',['abc','def']]}"),
                Arguments.of(
                        "an annotation key with a slash is addressed with ~1",
                        "{'metadata':{'annotations':{}}}",
                        "[{'op':'add','path':'/metadata/annotations/kubectl.kubernetes.io~1restartedAt','value':'now'}]",
                        "{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'now'}}}"),
                Arguments.of(
                        "add at the list size appends",
                        "{'a':[1]}",
                        "[{'op':'add','path':'/a/1','value':2}]",
                        "{'a':[1,2]}"),
                Arguments.of(
                        "add replaces an existing member",
                        "{'a':1}",
                        "[{'op':'add','path':'/a','value':{'b':null}}]",
                        "{'a':{'b':null}}"),
                Arguments.of(
                        "replace of the root swaps the document",
                        "{'a':1}",
                        "[{'op':'replace','path':'','value':[1]}]",
                        "[1]"),
                Arguments.of(
                        "copy duplicates a value",
                        "{'a':{'b':1}}",
                        "[{'op':'copy','from':'/a','path':'/c'}]",
                        "{'a':{'b':1},'c':{'b':1}}"),
                Arguments.of(
                        "test compares numbers by value",
                        "{'a':1,'b':{'x':[1.0]}}",
                        "[{'op':'test','path':'/a','value':1.0},{'op':'test','path':'/b','value':{'x':[1]}}]",
                        "{'a':1,'b':{'x':[1.0]}}"),
                Arguments.of(
                        "the empty key is a member name",
                        "{'':1}",
                        "[{'op':'replace','path':'/','value':2}]",
                        "{'':2}"),
                Arguments.of(
                        "server-side apply's managedFields migration (contract §1.7)",
                        "{'metadata':{'name':'x','resourceVersion':'5','managedFields':[{'manager':'kubectl-client-side-apply','operation':'Update'}]}}",
                        "[{'op':'replace','path':'/metadata/managedFields','value':[{}]},"
                                + "{'op':'replace','path':'/metadata/resourceVersion','value':'5'}]",
                        "{'metadata':{'name':'x','resourceVersion':'5','managedFields':[{}]}}"),
                Arguments.of("an empty patch changes nothing", "{'a':1}", "[]", "{'a':1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("successfulPatches")
    void appliesValidOperations(String description, String target, String patch, String expected) {
        assertThat(JsonPatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    /** Failures, each with the message kubectl will print and the status it maps to. */
    static Stream<Arguments> failingPatches() {
        PatchException.Reason invalid = PatchException.Reason.NOT_APPLICABLE;
        PatchException.Reason malformed = PatchException.Reason.MALFORMED;
        return Stream.of(
                Arguments.of(
                        "A.9 a failed test",
                        "{'baz':'qux','foo':['a',2,'c']}",
                        "[{'op':'test','path':'/baz','value':'bar'}]",
                        invalid,
                        "the \"test\" operation failed at /baz"),
                Arguments.of(
                        "a test of a missing path",
                        "{'metadata':{}}",
                        "[{'op':'test','path':'/metadata/x','value':'1'}]",
                        invalid,
                        "the \"test\" operation failed at /metadata/x"),
                Arguments.of(
                        "A.12 add to a nonexistent parent",
                        "{'foo':'bar'}",
                        "[{'op':'add','path':'/baz/bat','value':'qux'}]",
                        invalid,
                        "path /baz does not exist"),
                Arguments.of(
                        "A.15 a string is not a number",
                        "{'/':9,'~1':10}",
                        "[{'op':'test','path':'/~01','value':'10'}]",
                        invalid,
                        "the \"test\" operation failed at /~01"),
                Arguments.of(
                        "remove of a missing member",
                        "{'spec':{}}",
                        "[{'op':'remove','path':'/spec/foo'}]",
                        invalid,
                        "path /spec/foo does not exist"),
                Arguments.of(
                        "replace of a missing member",
                        "{'spec':{}}",
                        "[{'op':'replace','path':'/spec/foo','value':1}]",
                        invalid,
                        "path /spec/foo does not exist"),
                Arguments.of(
                        "move from a missing member",
                        "{}",
                        "[{'op':'move','from':'/a','path':'/b'}]",
                        invalid,
                        "path /a does not exist"),
                Arguments.of(
                        "copy from a missing member",
                        "{}",
                        "[{'op':'copy','from':'/a','path':'/b'}]",
                        invalid,
                        "path /a does not exist"),
                Arguments.of(
                        "an index beyond the end",
                        "{'a':[1]}",
                        "[{'op':'add','path':'/a/2','value':2}]",
                        invalid,
                        "index 2 is out of range at /a/2"),
                Arguments.of(
                        "an index with a leading zero",
                        "{'a':[1,2]}",
                        "[{'op':'add','path':'/a/01','value':2}]",
                        invalid,
                        "\"01\" is not a valid list index at /a/01"),
                Arguments.of(
                        "\"-\" outside add",
                        "{'a':[1]}",
                        "[{'op':'remove','path':'/a/-'}]",
                        invalid,
                        "path /a/- does not exist"),
                Arguments.of(
                        "removing the whole document",
                        "{'a':1}",
                        "[{'op':'remove','path':''}]",
                        invalid,
                        "cannot remove the whole document"),
                Arguments.of(
                        "a move into its own child",
                        "{'a':{'b':{}}}",
                        "[{'op':'move','from':'/a','path':'/a/b/c'}]",
                        invalid,
                        "cannot move /a into its own child /a/b/c"),
                Arguments.of(
                        "adding below a string",
                        "{'a':'text'}",
                        "[{'op':'add','path':'/a/b','value':1}]",
                        invalid,
                        "path /a/b does not exist"),
                Arguments.of(
                        "an unknown op",
                        "{}",
                        "[{'op':'merge','path':'/a','value':1}]",
                        malformed,
                        "unknown op \"merge\""),
                Arguments.of("a missing path", "{}", "[{'op':'add','value':1}]", malformed, "has no \"path\" string"),
                Arguments.of(
                        "a missing value", "{}", "[{'op':'add','path':'/a'}]", malformed, "(add) has no \"value\""),
                Arguments.of(
                        "a missing from", "{}", "[{'op':'copy','path':'/a'}]", malformed, "has no \"from\" string"),
                Arguments.of(
                        "a pointer without a leading slash",
                        "{'a':1}",
                        "[{'op':'remove','path':'a'}]",
                        malformed,
                        "it must be empty or start with \"/\""),
                Arguments.of(
                        "a bad ~ escape",
                        "{'a':1}",
                        "[{'op':'remove','path':'/~2'}]",
                        malformed,
                        "\"~\" must be followed by 0 or 1"),
                Arguments.of(
                        "an operation that is not an object", "{}", "[1]", malformed, "operation 0 is not an object"),
                Arguments.of(
                        "a patch that is not a list",
                        "{}",
                        "{'op':'add'}",
                        malformed,
                        "a JSON patch must be a list of operations"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("failingPatches")
    void refusesOperationsThatCannotApply(
            String description, String target, String patch, PatchException.Reason reason, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json(target), json(patch)))
                .isInstanceOfSatisfying(
                        PatchException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Test
    void aFailureHalfwayLeavesTheTargetUntouched() {
        JsonNode target = json("{'a':1}");
        JsonNode patch = json("[{'op':'add','path':'/b','value':2},{'op':'test','path':'/a','value':9}]");

        assertThatThrownBy(() -> JsonPatch.apply(target, patch)).isInstanceOf(PatchException.class);
        assertThat(target).isEqualTo(json("{'a':1}"));
    }

    @Test
    void neitherInputIsChangedAndAddedValuesAreCopies() {
        JsonNode target = json("{'a':{'b':1}}");
        JsonNode patch = json("[{'op':'add','path':'/v','value':{'x':1}},{'op':'copy','from':'/a','path':'/c'}]");
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = JsonPatch.apply(target, patch);
        ((tools.jackson.databind.node.ObjectNode) result.get("v")).put("mutated", true);
        ((tools.jackson.databind.node.ObjectNode) result.get("c")).put("mutated", true);

        assertThat(target).isEqualTo(json("{'a':{'b':1}}"));
        assertThat(patch).isEqualTo(patchBefore);
        assertThat(result.get("a")).isEqualTo(json("{'b':1}"));
    }

    @Test
    void replaceKeepsAMemberInItsPlace() {
        JsonNode result =
                JsonPatch.apply(json("{'a':1,'b':2,'c':3}"), json("[{'op':'replace','path':'/b','value':20}]"));

        assertThat(result.toString()).isEqualTo("{\"a\":1,\"b\":20,\"c\":3}");
    }

    @Test
    void failuresMapToTheStatusCodesTheServerAnswersWith() {
        assertThat(PatchException.Reason.MALFORMED.httpStatus()).isEqualTo(400);
        assertThat(PatchException.Reason.NOT_APPLICABLE.httpStatus()).isEqualTo(422);
    }
}
