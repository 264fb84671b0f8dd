package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.everynode.api.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;
import tools.jackson.databind.node.ObjectNode;

class JsonPathLiteTest {
    private static final JsonNode OBJ = Json.parse(
            "{\"spec\":{\"a.b\":1,\"list\":[10,20]},\"status\":{\"conditions\":[{\"type\":\"Synced\",\"status\":\"False\"},{\"type\":\"Ready\",\"status\":\"True\"}]}}"
                    .getBytes(StandardCharsets.UTF_8));

    @Test
    void aFilterPicksTheConditionOfOneType() {
        assertThat(JsonPathLite.parse(".status.conditions[?(@.type==\"Ready\")].status")
                        .find(OBJ))
                .extracting(JsonNode::asString)
                .containsExactly("True");
    }

    @Test
    void indexesQuotedNamesAndBracesWork() {
        assertThat(JsonPathLite.parse("{.spec.list[1]}").find(OBJ).get(0).asInt())
                .isEqualTo(20);
        assertThat(JsonPathLite.parse(".spec['a.b']").find(OBJ).get(0).asInt()).isEqualTo(1);
        assertThat(JsonPathLite.parse(".spec.list[*]").find(OBJ)).hasSize(2);
        assertThat(JsonPathLite.parse(".spec.missing").find(OBJ)).isEmpty();
    }

    @Test
    void setCreatesTheObjectsOnTheWay() {
        ObjectNode o = Json.object();

        JsonPathLite.parse(".spec.scale.replicas").set(o, IntNode.valueOf(3));

        assertThat(o.path("spec").path("scale").path("replicas").asInt()).isEqualTo(3);
    }

    @Test
    void aPathOutsideTheSubsetIsRefused() {
        assertThatThrownBy(() -> JsonPathLite.parse("spec.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonPathLite.parse(".spec[?(@.a > 1)]")).isInstanceOf(IllegalArgumentException.class);
    }
}
