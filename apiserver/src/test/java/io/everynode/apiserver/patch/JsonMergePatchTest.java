package io.everynode.apiserver.patch;

import static io.everynode.apiserver.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonMergePatchTest {

    /** RFC 7386 Appendix A, plus the bodies kubectl label sends (contract §2.19). */
    static Stream<Arguments> rfc7386Examples() {
        return Stream.of(
                Arguments.of("{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of("{'a':'b'}", "{'a':null}", "{}"),
                Arguments.of("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
                Arguments.of("{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
                Arguments.of("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
                Arguments.of("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
                Arguments.of("['a','b']", "['c','d']", "['c','d']"),
                Arguments.of("{'a':'b'}", "['c']", "['c']"),
                Arguments.of("{'a':'foo'}", "null", "null"),
                Arguments.of("{'a':'foo'}", "'bar'", "'bar'"),
                Arguments.of("{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
                Arguments.of("[1,2]", "{'a':'b','c':null}", "{'a':'b'}"),
                Arguments.of("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"),
                Arguments.of(
                        "{'metadata':{'name':'n1','labels':{'a':'1'}}}",
                        "{'metadata':{'labels':{'node-role':'worker'}}}",
                        "{'metadata':{'name':'n1','labels':{'a':'1','node-role':'worker'}}}"),
                Arguments.of(
                        "{'metadata':{'labels':{'node-role':'worker'}}}",
                        "{'metadata':{'labels':{'node-role':null}}}",
                        "{'metadata':{'labels':{}}}"),
                Arguments.of("{'metadata':{'labels':{'a':'1'}}}", "{}", "{'metadata':{'labels':{'a':'1'}}}"),
                Arguments.of(
                        "{'spec':{'taints':[{'key':'a'},{'key':'b'}]}}",
                        "{'spec':{'taints':[{'key':'b'}]}}",
                        "{'spec':{'taints':[{'key':'b'}]}}"));
    }

    @ParameterizedTest(name = "{0} patched with {1} is {2}")
    @MethodSource("rfc7386Examples")
    void appliesTheRfcExamples(String target, String patch, String expected) {
        assertThat(JsonMergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void theRfcIntroductionExampleMergesNestedObjectsAndReplacesArrays() {
        JsonNode target = json("{'title':'Goodbye!','author':{'givenName':'John','familyName':'Doe'},"
                + "'tags':['example','sample'],'content':'This will be unchanged'}");
        JsonNode patch = json(
                "{'title':'Hello!','phoneNumber':'+01-123-456-7890','author':{'familyName':null},'tags':['example']}");

        assertThat(JsonMergePatch.apply(target, patch))
                .isEqualTo(json("{'title':'Hello!','author':{'givenName':'John'},"
                        + "'tags':['example'],'content':'This will be unchanged','phoneNumber':'+01-123-456-7890'}"));
    }

    @Test
    void nullsInsideAnArrayAreKeptAsWritten() {
        assertThat(JsonMergePatch.apply(json("{}"), json("{'a':[null,{'b':null}]}")))
                .isEqualTo(json("{'a':[null,{'b':null}]}"));
    }

    @Test
    void neitherInputIsChangedAndTheResultSharesNoNodesWithThem() {
        JsonNode target = json("{'a':{'b':1},'keep':{'x':[1]}}");
        JsonNode patch = json("{'a':{'c':2},'new':{'d':3}}");
        JsonNode targetBefore = target.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = JsonMergePatch.apply(target, patch);
        ((tools.jackson.databind.node.ObjectNode) result.get("keep")).put("mutated", true);
        ((tools.jackson.databind.node.ObjectNode) result.get("new")).put("mutated", true);

        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @Test
    void anAbsentTargetIsTreatedAsNothing() {
        assertThat(JsonMergePatch.apply(null, json("{'a':{'b':null,'c':1}}"))).isEqualTo(json("{'a':{'c':1}}"));
    }
}
