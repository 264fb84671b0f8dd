package io.everynode.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.everynode.apiserver.openapi.SchemaProvider.KindSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BuiltinSchemasTest {
    /** Generated once for the class: generation is the expensive part and the result is read-only. */
    private static final BuiltinSchemas SCHEMAS = new BuiltinSchemas(ResourceTypes.all());

    private static KindSchema kind(ResourceType t) {
        return SCHEMAS.schema(t).orElseThrow();
    }

    private static JsonNode component(ResourceType t, String name) {
        return kind(t).components().get(name);
    }

    private static JsonNode property(ResourceType t, String component, String field) {
        return component(t, component).path("properties").path(field);
    }

    private static String ref(JsonNode property) {
        return property.path("allOf").path(0).path("$ref").asString("");
    }

    @Test
    void aDaemonSetIsNamedAsUpstreamNamesItAndCarriesItsGroupVersionKind() {
        KindSchema ds = kind(ResourceTypes.DAEMONSETS);
        assertThat(ds.name()).isEqualTo("io.k8s.api.apps.v1.DaemonSet");
        assertThat(ds.listName()).isEqualTo("io.k8s.api.apps.v1.DaemonSetList");
        JsonNode gvk = ds.components().get(ds.name()).get("x-kubernetes-group-version-kind");
        assertThat(Json.string(gvk)).isEqualTo("[{\"group\":\"apps\",\"kind\":\"DaemonSet\",\"version\":\"v1\"}]");
        assertThat(ref(property(ResourceTypes.DAEMONSETS, ds.name(), "metadata")))
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(ds.components()).containsKey("io.k8s.api.core.v1.PodSpec");
    }

    @Test
    void theRollingUpdateOfADaemonSetTakesIntOrStringsByReference() {
        String rolling = "io.k8s.api.apps.v1.RollingUpdateDaemonSet";
        assertThat(component(ResourceTypes.DAEMONSETS, rolling)
                        .path("properties")
                        .propertyNames())
                .containsExactly("maxSurge", "maxUnavailable");
        assertThat(ref(property(ResourceTypes.DAEMONSETS, rolling, "maxUnavailable")))
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        JsonNode ios = component(ResourceTypes.DAEMONSETS, SchemaNames.INT_OR_STRING);
        assertThat(ios.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
        assertThat(ios.has("type"))
                .as("no type, so explain shows <IntOrString>")
                .isFalse();
    }

    @Test
    void containersMergeByNameAsTheServersMergeTableSays() {
        JsonNode containers = property(ResourceTypes.PODS, "io.k8s.api.core.v1.PodSpec", "containers");
        assertThat(containers.path("type").asString()).isEqualTo("array");
        assertThat(containers.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("name");
        assertThat(containers.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
        assertThat(containers.path("x-kubernetes-list-type").asString()).isEqualTo("map");
        assertThat(ref(containers.path("items"))).endsWith("io.k8s.api.core.v1.Container");
        JsonNode ports = property(ResourceTypes.PODS, "io.k8s.api.core.v1.Container", "ports");
        assertThat(ports.path("x-kubernetes-patch-merge-key").asString()).isEqualTo("containerPort");
        JsonNode tolerations = property(ResourceTypes.PODS, "io.k8s.api.core.v1.PodSpec", "tolerations");
        assertThat(tolerations.path("x-kubernetes-list-type").asString()).isEqualTo("atomic");
        assertThat(tolerations.has("x-kubernetes-patch-strategy")).isFalse();
        JsonNode finalizers = property(ResourceTypes.CONFIG_MAPS, SchemaNames.META + "ObjectMeta", "finalizers");
        assertThat(finalizers.path("x-kubernetes-list-type").asString()).isEqualTo("set");
    }

    @Test
    void volumesAndADeploymentsStrategyRetainKeysLikeUpstream() {
        assertThat(property(ResourceTypes.PODS, "io.k8s.api.core.v1.PodSpec", "volumes")
                        .path("x-kubernetes-patch-strategy")
                        .asString())
                .isEqualTo("merge,retainKeys");
        assertThat(property(ResourceTypes.DEPLOYMENTS, "io.k8s.api.apps.v1.DeploymentSpec", "strategy")
                        .path("x-kubernetes-patch-strategy")
                        .asString())
                .isEqualTo("retainKeys");
    }

    @Test
    void quantitiesAreIntOrStringsWithTheQuantityGrammar() {
        JsonNode limits = property(ResourceTypes.PODS, "io.k8s.api.core.v1.ResourceRequirements", "limits");
        assertThat(ref(limits.path("additionalProperties"))).endsWith(SchemaNames.QUANTITY);
        JsonNode quantity = component(ResourceTypes.PODS, SchemaNames.QUANTITY);
        assertThat(quantity.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
        Pattern p = Pattern.compile(quantity.path("pattern").asString());
        assertThat(Stream.of("100m", "1Gi", "2", "0.5", "1e3", "+1.5Ki", ".5"))
                .allMatch(q -> p.matcher(q).matches());
        assertThat(Stream.of("1GB", "Gi", "1.2.3", ""))
                .noneMatch(q -> p.matcher(q).matches());
    }

    @Test
    void timesAreDateTimeStringsAndMicroTimesToo() {
        String meta = SchemaNames.META + "ObjectMeta";
        assertThat(ref(property(ResourceTypes.PODS, meta, "creationTimestamp"))).endsWith(SchemaNames.TIME);
        assertThat(ref(property(ResourceTypes.PODS, "io.k8s.api.core.v1.PodCondition", "lastTransitionTime")))
                .endsWith(SchemaNames.TIME);
        assertThat(ref(property(ResourceTypes.LEASES, "io.k8s.api.coordination.v1.LeaseSpec", "renewTime")))
                .endsWith(SchemaNames.MICRO_TIME);
        assertThat(Json.string(component(ResourceTypes.PODS, SchemaNames.TIME)))
                .isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
        assertThat(property(ResourceTypes.PODS, meta, "name").path("type").asString())
                .isEqualTo("string");
        assertThat(property(ResourceTypes.PODS, meta, "generation")
                        .path("format")
                        .asString())
                .isEqualTo("int64");
    }

    @Test
    void requiredListsNameOnlyFieldsTheTypeHas() {
        JsonNode container = component(ResourceTypes.PODS, "io.k8s.api.core.v1.Container");
        assertThat(Json.string(container.get("required"))).isEqualTo("[\"name\"]");
        List<String> seen = new ArrayList<>();
        for (ResourceType t : ResourceTypes.all()) {
            kind(t).components().forEach((name, schema) -> {
                if (!schema.has("required")) return;
                seen.add(name);
                schema.get("required")
                        .forEach(r -> assertThat(schema.get("properties").has(r.asString()))
                                .as(name + " requires " + r)
                                .isTrue());
            });
        }
        assertThat(seen)
                .as("every entry of the table is a generated type")
                .containsAll(RequiredFields.BY_TYPE.keySet());
    }

    @Test
    void theCatchAllMapOfUnknownFieldsIsNoField() {
        assertThat(component(ResourceTypes.DAEMONSETS, "io.k8s.api.apps.v1.DaemonSetSpec")
                        .path("properties")
                        .propertyNames())
                .doesNotContain("additionalProperties")
                .contains("selector", "template", "updateStrategy", "minReadySeconds", "revisionHistoryLimit");
    }

    @Test
    void everyFieldOfTheProjectsExamplesIsInTheSchemaOfItsKind() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("..", "examples"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        int objects = 0;
        for (Path f : files) {
            for (String doc : Files.readString(f).split("(?m)^---\\s*$")) {
                if (doc.isBlank()) continue;
                JsonNode obj = Json.parseYaml(doc.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (obj == null || !obj.isObject()) continue;
                ResourceType t = ResourceTypes.byKind(
                                obj.path("apiVersion").asString(),
                                obj.path("kind").asString())
                        .orElseThrow();
                Map<String, ObjectNode> components = kind(t).components();
                assertThat(new SchemaWalker(components).unknownFields(kind(t).name(), obj))
                        .as(f + " " + t.kind())
                        .isEmpty();
                objects++;
            }
        }
        assertThat(objects).isGreaterThanOrEqualTo(files.size());
    }

    @Test
    void aFieldMissingFromTheSchemaIsWhatTheWalkerReports() {
        JsonNode ds = Json.parseYaml(
                "{apiVersion: apps/v1, kind: DaemonSet, spec: {updateStrategy: {rollingUpdate: {maxUnavailabel: 1}}}}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(new SchemaWalker(kind(ResourceTypes.DAEMONSETS).components())
                        .unknownFields("io.k8s.api.apps.v1.DaemonSet", ds))
                .containsExactly("spec.updateStrategy.rollingUpdate.maxUnavailabel");
    }

    @Test
    void everyServedKindHasASchemaAndEveryReferenceResolves() {
        for (ResourceType t : ResourceTypes.all()) {
            KindSchema k = kind(t);
            assertThat(k.components()).containsKey(k.name());
            String json = Json.string(k.components());
            var m = Pattern.compile("#/components/schemas/([^\"]+)").matcher(json);
            while (m.find()) assertThat(k.components()).as(t.kind()).containsKey(m.group(1));
        }
    }

    @Test
    void kindsAndTheirCommonFieldsCarryTheProjectsOwnDescriptions() {
        KindSchema ds = kind(ResourceTypes.DAEMONSETS);
        JsonNode schema = ds.components().get(ds.name());
        assertThat(schema.path("description").asString()).startsWith("Runs one copy of a pod on every node");
        assertThat(schema.at("/properties/spec/description").asString())
                .isEqualTo("What the user wants this object to be.");
        assertThat(ResourceTypes.all().stream().map(ResourceType::kind).toList())
                .as("no description for a kind that is not served")
                .containsAll(KindDescriptions.KINDS.keySet());
    }
}
