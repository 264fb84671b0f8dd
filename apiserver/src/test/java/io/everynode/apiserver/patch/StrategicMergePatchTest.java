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
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Strategic merge patch behaviour the golden files do not show: refusals, inputs, identity. */
class StrategicMergePatchTest {

    private final StrategicMergePatch pod = StrategicMergePatch.forKind("Pod");

    static Stream<Arguments> refusedPatches() {
        PatchException.Reason malformed = PatchException.Reason.MALFORMED;
        return Stream.of(
                Arguments.of(
                        "an unknown $patch value",
                        "{'spec':{'$patch':'explode'}}",
                        malformed,
                        "unknown $patch directive \"explode\" at /spec"),
                Arguments.of(
                        "an unknown $patch value in a list element",
                        "{'spec':{'containers':[{'name':'a','$patch':'drop'}]}}",
                        malformed,
                        "unknown $patch directive \"drop\" at /spec/containers"),
                Arguments.of(
                        "a keyed element without its merge key",
                        "{'spec':{'containers':[{'image':'x'}]}}",
                        malformed,
                        "/spec/containers/0: element {\"image\":\"x\"} has no merge key \"name\""),
                Arguments.of(
                        "a primitive in a keyed list",
                        "{'spec':{'containers':['a']}}",
                        malformed,
                        "/spec/containers/0: a list merged by \"name\" must contain objects"),
                Arguments.of(
                        "a $setElementOrder that is not a list",
                        "{'spec':{'$setElementOrder/containers':{'name':'a'}}}",
                        malformed,
                        "$setElementOrder/containers at /spec must be a list"),
                Arguments.of(
                        "a $deleteFromPrimitiveList that is not a list",
                        "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}",
                        malformed,
                        "$deleteFromPrimitiveList/finalizers at /metadata must be a list"),
                Arguments.of(
                        "a $retainKeys that is not a list",
                        "{'spec':{'volumes':[{'name':'v','$retainKeys':'name'}]}}",
                        malformed,
                        "$retainKeys at /spec/volumes/0 must be a list"),
                Arguments.of(
                        "a $retainKeys with a non-string",
                        "{'spec':{'volumes':[{'name':'v','$retainKeys':[1]}]}}",
                        malformed,
                        "$retainKeys at /spec/volumes/0 must list field names"),
                Arguments.of(
                        "a patch field that $retainKeys leaves out",
                        "{'spec':{'volumes':[{'name':'v','$retainKeys':['name'],'emptyDir':{}}]}}",
                        PatchException.Reason.NOT_APPLICABLE,
                        "/spec/volumes/0: the patch sets \"emptyDir\" but $retainKeys [\"name\"] does not list it"),
                Arguments.of(
                        "a patch that is a list",
                        "[{'spec':{}}]",
                        malformed,
                        "a strategic merge patch must be a JSON object"));
    }

    @ParameterizedTest(name = "{0} is refused")
    @MethodSource("refusedPatches")
    void refusesMalformedPatchesWithAClearMessage(
            String description, String patch, PatchException.Reason reason, String message) {
        JsonNode target =
                json("{'metadata':{'finalizers':['a']},'spec':{'containers':[{'name':'a'}],'volumes':[{'name':'v'}]}}");

        assertThatThrownBy(() -> pod.apply(target, json(patch)))
                .isInstanceOfSatisfying(
                        PatchException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(message);
    }

    @Test
    void aTopLevelPatchDeleteYieldsAnEmptyObject() {
        assertThat(pod.apply(json("{'a':1}"), json("{'$patch':'delete'}"))).isEqualTo(json("{}"));
    }

    @Test
    void patchMergeIsTheDefaultAndIsAccepted() {
        assertThat(pod.apply(json("{'spec':{'a':1}}"), json("{'spec':{'$patch':'merge','b':2}}")))
                .isEqualTo(json("{'spec':{'a':1,'b':2}}"));
    }

    @Test
    void anAbsentTargetIsBuiltFromThePatchAlone() {
        assertThat(
                        pod.apply(
                                null,
                                json(
                                        "{'metadata':{'name':'p','x':null},'spec':{'containers':[{'name':'a','$patch':'merge'}]}}")))
                .isEqualTo(json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a'}]}}"));
    }

    @Test
    void theResultSharesNoNodesWithThePatchOrTheTarget() {
        JsonNode target = json("{'spec':{'containers':[{'name':'a','env':[{'name':'X'}]}]}}");
        JsonNode patch = json("{'spec':{'containers':[{'name':'b','image':'b'}],'nodeSelector':{'k':'v'}}}");
        JsonNode patchBefore = patch.deepCopy();
        JsonNode targetBefore = target.deepCopy();

        JsonNode result = pod.apply(target, patch);
        ((ObjectNode) result.get("spec").get("containers").get(0)).put("mutated", true);
        ((ObjectNode) result.get("spec").get("containers").get(1)).put("mutated", true);
        ((ObjectNode) result.get("spec").get("nodeSelector")).put("mutated", true);

        assertThat(target).isEqualTo(targetBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @Test
    void numericMergeKeysMatchWhateverNodeTypeHoldsThem() {
        ObjectNode port = JsonNodeFactory.instance
                .objectNode()
                .put("containerPort", 8080L)
                .put("name", "web");
        ObjectNode target = JsonNodeFactory.instance.objectNode();
        target.putObject("spec")
                .putArray("containers")
                .addObject()
                .put("name", "a")
                .putArray("ports")
                .add(port);

        JsonNode result = pod.apply(
                target,
                json("{'spec':{'containers':[{'name':'a','ports':[{'containerPort':8080,'protocol':'TCP'}]}]}}"));

        assertThat(result.get("spec").get("containers").get(0).get("ports")).hasSize(1);
        assertThat(result.get("spec")
                        .get("containers")
                        .get(0)
                        .get("ports")
                        .get(0)
                        .get("protocol")
                        .stringValue())
                .isEqualTo("TCP");
    }

    @Test
    void setElementOrderPutsContainersInTheOrderKubectlSent() {
        JsonNode target = json("{'spec':{'containers':[{'name':'a'},{'name':'b'},{'name':'c'}]}}");
        JsonNode patch = json("{'spec':{'$setElementOrder/containers':[{'name':'c'},{'name':'a'},{'name':'b'}],"
                + "'containers':[{'name':'a','image':'a2'}]}}");

        assertThat(pod.apply(target, patch).toString())
                .isEqualTo(
                        "{\"spec\":{\"containers\":[{\"name\":\"c\"},{\"name\":\"a\",\"image\":\"a2\"},{\"name\":\"b\"}]}}");
    }

    @Test
    void everyServedKindHasASchemaWithObjectMetaMergeKeys() {
        for (String kind : new String[] {
            "Pod",
            "DaemonSet",
            "Node",
            "Namespace",
            "Event",
            "ControllerRevision",
            "PriorityClass",
            "Lease",
            "Deployment",
            "ConfigMap",
            "ClusterRole"
        }) {
            assertThat(KindSchemas.forKind(kind)).as(kind).isNotSameAs(TypeSchema.OPAQUE);
            assertThat(KindSchemas.forKind(kind).field("metadata").type())
                    .as(kind)
                    .isSameAs(KindSchemas.OBJECT_META);
        }
        assertThat(KindSchemas.forKind("Deployment")
                        .field("spec")
                        .type()
                        .field("template")
                        .type())
                .isSameAs(KindSchemas.POD_TEMPLATE_SPEC);
    }

    @Test
    void theDaemonSetTemplateUsesThePodSpecSchema() {
        TypeSchema template =
                KindSchemas.DAEMON_SET.field("spec").type().field("template").type();

        assertThat(template).isSameAs(KindSchemas.POD_TEMPLATE_SPEC);
        assertThat(template.field("spec").type().field("containers").mergeKey()).isEqualTo("name");
        assertThat(template.field("spec").type().field("tolerations").strategy())
                .isEqualTo(ListStrategy.ATOMIC);
    }

    @Test
    void aSchemaRefusesAFieldDeclaredTwice() {
        assertThatThrownBy(() -> TypeSchema.type().set("a").atomic("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field declared twice: a");
    }
}
