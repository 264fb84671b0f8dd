package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/** The definition rules upstream enforces, one broken field per row, each with its field path and message. */
class CrdValidationTest {
    private static final String VALID = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: widgets.example.everynode.io}
            spec:
              group: example.everynode.io
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer}
                          tags: {type: array, items: {type: string}}
            """;

    static List<Arguments> brokenDefinitions() {
        return List.of(
                Arguments.of("a valid definition", (UnaryOperator<ObjectNode>) c -> c, null, null),
                Arguments.of(
                        "a name other than plural.group",
                        edit(c -> meta(c).put("name", "things.example.everynode.io")),
                        "metadata.name",
                        "Invalid value: \"things.example.everynode.io\": must be spec.names.plural+\".\"+spec.group"),
                Arguments.of(
                        "a group without a dot",
                        edit(c -> {
                            spec(c).put("group", "example");
                            meta(c).put("name", "widgets.example");
                        }),
                        "spec.group",
                        "Invalid value: \"example\": should be a domain with at least one dot"),
                Arguments.of(
                        "no plural",
                        edit(c -> ((ObjectNode) spec(c).get("names")).remove("plural")),
                        "spec.names.plural",
                        "Required value"),
                Arguments.of(
                        "an upper-case singular",
                        edit(c -> ((ObjectNode) spec(c).get("names")).put("singular", "Widget")),
                        "spec.names.singular",
                        "Invalid value: \"Widget\": a DNS-1035 label must consist of lower case alphanumeric characters"),
                Arguments.of(
                        "no kind",
                        edit(c -> ((ObjectNode) spec(c).get("names")).remove("kind")),
                        "spec.names.kind",
                        "Required value"),
                Arguments.of(
                        "a listKind equal to the kind",
                        edit(c -> ((ObjectNode) spec(c).get("names")).put("listKind", "Widget")),
                        "spec.names.listKind",
                        "Invalid value: \"Widget\": kind and listKind may not be the same"),
                Arguments.of(
                        "a scope that does not exist",
                        edit(c -> spec(c).put("scope", "Global")),
                        "spec.scope",
                        "Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\""),
                Arguments.of(
                        "no storage version",
                        edit(c -> version(c).put("storage", false)),
                        "spec.versions",
                        "must have exactly one version marked as storage version"),
                Arguments.of(
                        "two versions with one name",
                        edit(c -> spec(c).withArray("versions")
                                .add(version(c).deepCopy().put("storage", false))),
                        "spec.versions[1].name",
                        "Duplicate value: \"v1\""),
                Arguments.of(
                        "no schema",
                        edit(c -> version(c).remove("schema")),
                        "spec.versions[0].schema.openAPIV3Schema",
                        "Required value: schemas are required"),
                Arguments.of(
                        "a property without a type",
                        edit(c -> props(c).putObject("color").put("description", "untyped")),
                        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[color].type",
                        "Required value: must not be empty for specified object fields"),
                Arguments.of(
                        "array items without a type",
                        edit(c ->
                                props(c).putObject("list").put("type", "array").putObject("items")),
                        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[list].items.type",
                        "Required value: must not be empty for specified array items"),
                Arguments.of(
                        "preserve-unknown-fields false",
                        edit(c -> props(c).putObject("x")
                                .put("type", "object")
                                .put("x-kubernetes-preserve-unknown-fields", false)),
                        "spec.versions[0].schema.openAPIV3Schema.properties[spec].properties[x].x-kubernetes-preserve-unknown-fields",
                        "Invalid value: false: must be true or undefined"),
                Arguments.of(
                        "a root that is not an object",
                        edit(c -> schema(c).put("type", "string")),
                        "spec.versions[0].schema.openAPIV3Schema.type",
                        "Invalid value: \"string\": must be object at the root"),
                Arguments.of(
                        "a printer column of an unknown type",
                        edit(c -> version(c)
                                .putArray("additionalPrinterColumns")
                                .addObject()
                                .put("name", "Size")
                                .put("type", "float")
                                .put("jsonPath", ".spec.size")),
                        "spec.versions[0].additionalPrinterColumns[0].type",
                        "Unsupported value: \"float\": supported values: \"boolean\", \"date\", \"integer\", \"number\", \"string\""),
                Arguments.of(
                        "a scale path outside spec",
                        edit(c -> version(c)
                                .putObject("subresources")
                                .putObject("scale")
                                .put("specReplicasPath", ".status.replicas")
                                .put("statusReplicasPath", ".status.replicas")),
                        "spec.versions[0].subresources.scale.specReplicasPath",
                        "Invalid value: \".status.replicas\": should be a json path under .spec"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDefinitions")
    void eachBrokenFieldIsReportedAtItsPath(
            String what, UnaryOperator<ObjectNode> change, String field, String message) {
        ObjectNode crd = change.apply((ObjectNode) Json.parseYaml(VALID.getBytes(StandardCharsets.UTF_8)));

        List<FieldError> errors = CrdValidation.validate(crd);

        if (field == null) {
            assertThat(errors).isEmpty();
        } else {
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.causeMessage()).contains(message);
            });
        }
    }

    private static UnaryOperator<ObjectNode> edit(java.util.function.Consumer<ObjectNode> c) {
        return crd -> {
            c.accept(crd);
            return crd;
        };
    }

    private static ObjectNode meta(ObjectNode c) {
        return (ObjectNode) c.get("metadata");
    }

    private static ObjectNode spec(ObjectNode c) {
        return (ObjectNode) c.get("spec");
    }

    private static ObjectNode version(ObjectNode c) {
        return (ObjectNode) spec(c).get("versions").get(0);
    }

    private static ObjectNode schema(ObjectNode c) {
        return (ObjectNode) version(c).get("schema").get("openAPIV3Schema");
    }

    private static ObjectNode props(ObjectNode c) {
        return (ObjectNode) schema(c).get("properties").get("spec").get("properties");
    }
}
