package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.validation.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Validation, pruning and defaulting of custom resources against a structural schema. */
class StructuralSchemaTest {
    private static final JsonNode SCHEMA = yaml("""
            type: object
            required: [spec]
            properties:
              spec:
                type: object
                required: [size]
                properties:
                  size: {type: integer, minimum: 1, maximum: 10}
                  ratio: {type: number, exclusiveMaximum: true, maximum: 1}
                  color: {type: string, enum: [red, green], default: red}
                  name: {type: string, minLength: 2, maxLength: 5, pattern: '^[a-z]+$'}
                  tags: {type: array, minItems: 1, maxItems: 2, items: {type: string}}
                  port: {x-kubernetes-int-or-string: true}
                  labels: {type: object, additionalProperties: {type: string}}
                  free: {type: object, x-kubernetes-preserve-unknown-fields: true, properties: {n: {type: integer}}}
                  template: {type: object, x-kubernetes-embedded-resource: true, properties: {spec: {type: object}}}
                  ports:
                    type: array
                    items:
                      type: object
                      properties:
                        name: {type: string}
                        protocol: {type: string, default: TCP}
              status:
                type: object
                properties:
                  ready: {type: boolean, nullable: true}
            """);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            'size: "3"'           | spec.size      | Invalid value: "string": spec.size in body must be of type integer: "string"
            'size: 11'            | spec.size      | Invalid value: 11: spec.size in body should be less than or equal to 10
            'size: 0'             | spec.size      | Invalid value: 0: spec.size in body should be greater than or equal to 1
            'size: 1, ratio: 1'   | spec.ratio     | Invalid value: 1: spec.ratio in body should be less than 1
            'size: 1, color: red2' | spec.color    | Unsupported value: "red2": supported values: "red", "green"
            'size: 1, name: a'    | spec.name      | Invalid value: "a": spec.name in body should be at least 2 chars long
            'size: 1, name: abcdef' | spec.name    | Too long: may not be more than 5 bytes
            'size: 1, name: AB'   | spec.name      | Invalid value: "AB": spec.name in body should match '^[a-z]+$'
            'size: 1, tags: []'   | spec.tags      | Invalid value: 0: spec.tags in body should have at least 1 items
            'size: 1, tags: [a, b, c]' | spec.tags | Too many: 3: must have at most 2 items
            'size: 1, tags: [1]'  | spec.tags[0]   | Invalid value: "integer": spec.tags[0] in body must be of type string: "integer"
            'size: 1, port: true' | spec.port      | spec.port in body must be of type integer or string: "boolean"
            'size: 1, labels: {a: 1}' | spec.labels.a | spec.labels.a in body must be of type string: "integer"
            'size: 1, template: {spec: {}}' | spec.template.apiVersion | Required value: must not be empty
            'color: green'        | spec.size      | Required value
            """)
    void aValueAgainstTheSchemaIsReportedAtItsPath(String spec, String field, String message) {
        ObjectNode obj = object("{" + spec + "}");

        List<FieldError> errors = SchemaValidator.validate(obj, SCHEMA);

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.causeMessage()).contains(message);
        });
    }

    @Test
    void aValidObjectHasNoErrors() {
        ObjectNode obj = object("{size: 3, port: http, labels: {a: b}, free: {anything: [1]}, ports: [{name: x}]}");

        assertThat(SchemaValidator.validate(obj, SCHEMA)).isEmpty();
    }

    @Test
    void aMissingSpecIsRequiredAtTheRoot() {
        ObjectNode obj = (ObjectNode) yaml("apiVersion: x/v1\nkind: W\nmetadata: {name: a}\n");

        assertThat(SchemaValidator.validate(obj, SCHEMA))
                .extracting(FieldError::field)
                .containsExactly("spec");
    }

    @Test
    void pruningDropsUnknownFieldsAndReportsTheirPaths() {
        ObjectNode obj = object("{size: 3, shape: round, ports: [{name: a, extra: 1}], free: {kept: true}}");
        obj.put("junk", 1);

        List<String> unknown = SchemaPruner.prune(obj, SCHEMA);

        assertThat(unknown).containsExactly("spec.shape", "spec.ports[0].extra", "junk");
        assertThat(obj.path("spec").has("shape")).isFalse();
        assertThat(obj.path("spec").path("free").path("kept").asBoolean()).isTrue();
        assertThat(obj.path("metadata").path("name").asString()).isEqualTo("w");
    }

    @Test
    void anEmbeddedResourceKeepsItsTypeAndMetadata() {
        ObjectNode obj =
                object("{size: 3, template: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {}, x: 1}}");

        List<String> unknown = SchemaPruner.prune(obj, SCHEMA);

        assertThat(unknown).containsExactly("spec.template.x");
        assertThat(obj.path("spec")
                        .path("template")
                        .path("metadata")
                        .path("name")
                        .asString())
                .isEqualTo("p");
    }

    @Test
    void aNullWhereTheSchemaAllowsNoneIsDroppedAndThenDefaulted() {
        ObjectNode obj = object("{size: 3, color: null}");
        obj.putObject("status").putNull("ready");

        SchemaPruner.prune(obj, SCHEMA);
        SchemaDefaulter.apply(obj, SCHEMA);

        assertThat(obj.path("spec").path("color").asString()).isEqualTo("red");
        assertThat(obj.path("status").get("ready").isNull()).isTrue();
    }

    @Test
    void defaultsFillMissingFieldsInsideListsButCreateNoAbsentObject() {
        ObjectNode obj = object("{size: 3, ports: [{name: a}, {name: b, protocol: UDP}]}");

        SchemaDefaulter.apply(obj, SCHEMA);

        assertThat(obj.path("spec").path("color").asString()).isEqualTo("red");
        assertThat(obj.path("spec").path("ports").get(0).path("protocol").asString())
                .isEqualTo("TCP");
        assertThat(obj.path("spec").path("ports").get(1).path("protocol").asString())
                .isEqualTo("UDP");
        assertThat(obj.has("status")).isFalse();
    }

    private static ObjectNode object(String spec) {
        return (ObjectNode)
                yaml("apiVersion: example.everynode.io/v1\nkind: Widget\nmetadata: {name: w, junk: 1}\nspec: " + spec
                        + "\n");
    }

    private static JsonNode yaml(String s) {
        return Json.parseYaml(s.getBytes(StandardCharsets.UTF_8));
    }
}
