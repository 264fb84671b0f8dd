package io.everynode.apiserver.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The runtime catalogue: versions join and leave it, ordered by Kubernetes version priority. */
class ServedTypesTest {
    private static final String CRD = """
            metadata: {name: widgets.example.everynode.io}
            spec:
              group: example.everynode.io
              scope: Cluster
              names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
              versions:
              - {name: v1alpha1, served: true, storage: false}
              - {name: v1, served: true, storage: true}
              - {name: v1beta2, served: true, storage: false}
              - {name: v2, served: false, storage: false}
            """;

    @Test
    void anEstablishedDefinitionsServedVersionsAreFoundAndStoredInTheStorageVersion() {
        ServedTypes types = new ServedTypes();
        ObjectNode crd = established();

        types.serve("widgets.example.everynode.io", CrdStatus.versions(crd));

        assertThat(types.groupVersions())
                .containsSubsequence(
                        "example.everynode.io/v1", "example.everynode.io/v1beta2", "example.everynode.io/v1alpha1")
                .doesNotContain("example.everynode.io/v2");
        var beta = types.find("example.everynode.io/v1beta2", "widgets").orElseThrow();
        assertThat(types.storage(beta).version()).isEqualTo("v1");
        assertThat(types.stored())
                .filteredOn(t -> t.resource().equals("widgets"))
                .hasSize(1);
        assertThat(types.forKey("/registry/example.everynode.io/widgets/w1").version())
                .isEqualTo("v1");
        assertThat(types.strategy(beta)).isPresent();
    }

    @Test
    void anObjectStoredInAVersionNoLongerServedIsStillFoundByGroupAndKind() {
        ServedTypes types = new ServedTypes();
        types.serve("widgets.example.everynode.io", CrdStatus.versions(established()));
        ObjectNode old =
                Json.object().put("apiVersion", "example.everynode.io/v2").put("kind", "Widget");

        assertThat(types.ofObject(old).orElseThrow().version()).isEqualTo("v1");
        assertThat(types.ofObject(Json.object().put("apiVersion", "v1").put("kind", "Pod")))
                .contains(ResourceTypes.PODS);
    }

    @Test
    void aDefinitionThatStopsBeingServedLeavesOnlyTheBuiltInKinds() {
        ServedTypes types = new ServedTypes();
        types.serve("widgets.example.everynode.io", CrdStatus.versions(established()));

        types.stopServing("widgets.example.everynode.io");

        assertThat(types.all()).isEqualTo(ResourceTypes.all());
        assertThat(types.find("example.everynode.io/v1", "widgets")).isEmpty();
        assertThat(types.forKey("/registry/example.everynode.io/widgets/w1")).isNull();
    }

    @Test
    void aDefinitionWhosePluralAnotherHasAcceptedIsNotEstablished() {
        ObjectNode first = established();
        ObjectNode second = (ObjectNode) Json.parseYaml(CRD.replace("singular: widget", "singular: other")
                .replace("kind: Widget", "kind: Other")
                .replace("WidgetList", "OtherList")
                .getBytes(StandardCharsets.UTF_8));

        CrdStatus.update(second, List.of(first), Instant.EPOCH);

        assertThat(CrdStatus.established(second)).isFalse();
        assertThat(second.path("status")
                        .path("conditions")
                        .get(0)
                        .path("reason")
                        .asString())
                .isEqualTo("PluralConflict");
        assertThat(second.path("status")
                        .path("conditions")
                        .get(0)
                        .path("message")
                        .asString())
                .isEqualTo("\"widgets\" is already in use");
    }

    private static ObjectNode established() {
        ObjectNode crd = (ObjectNode) Json.parseYaml(CRD.getBytes(StandardCharsets.UTF_8));
        CrdStatus.update(crd, List.of(), Instant.EPOCH);
        assertThat(CrdStatus.established(crd)).isTrue();
        return crd;
    }
}
