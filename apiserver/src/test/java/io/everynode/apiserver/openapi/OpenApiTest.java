package io.everynode.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.api.resource.ResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenApiTest {
    private static final BuiltinSchemas BUILTIN = new BuiltinSchemas(ResourceTypes.all());
    private static final ResourceType WIDGETS = new ResourceType(
            "example.com",
            "v1",
            "widgets",
            "widget",
            "Widget",
            true,
            List.of(),
            List.of(),
            List.of("get", "patch"),
            List.of(),
            Set.of("metadata.name"),
            GenericKubernetesResource.class);

    private static OpenApi builtin(List<ResourceType> kinds) {
        return new OpenApi(() -> kinds, BUILTIN, BUILTIN::operationComponents, "v1.35.2");
    }

    @Test
    void everyPatchOperationCarriesTheParametersKubectlLooksFor() {
        ObjectNode doc =
                builtin(ResourceTypes.all()).groupVersion("apis/apps/v1").orElseThrow();
        JsonNode patch = doc.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1daemonsets~1{name}/patch");
        List<String> params = new ArrayList<>();
        patch.get("parameters")
                .forEach(p ->
                        params.add(p.get("name").asString() + "@" + p.get("in").asString()));
        assertThat(params).contains("dryRun@query", "fieldManager@query", "fieldValidation@query", "force@query");
        assertThat(Json.string(patch.get("x-kubernetes-group-version-kind")))
                .isEqualTo("{\"group\":\"apps\",\"kind\":\"DaemonSet\",\"version\":\"v1\"}");
        assertThat(patch.at("/requestBody/content").propertyNames())
                .contains("application/strategic-merge-patch+json", "application/apply-patch+yaml");
        JsonNode status = doc.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1daemonsets~1{name}~1status/patch");
        assertThat(status.get("parameters").toString()).contains("fieldValidation");
    }

    @Test
    void eachResourceHasItsCollectionObjectAndAllNamespacesPaths() {
        ObjectNode doc = builtin(ResourceTypes.all()).groupVersion("api/v1").orElseThrow();
        JsonNode paths = doc.get("paths");
        assertThat(paths.path("/api/v1/namespaces/{namespace}/configmaps").propertyNames())
                .contains("get", "post", "delete", "parameters");
        assertThat(paths.path("/api/v1/namespaces/{namespace}/configmaps/{name}")
                        .propertyNames())
                .contains("get", "put", "patch", "delete");
        assertThat(paths.at("/~1api~1v1~1configmaps/get/operationId").asString())
                .isEqualTo("listCoreV1ConfigMapForAllNamespaces");
        assertThat(paths.at("/~1api~1v1~1nodes~1{name}/put/operationId").asString())
                .isEqualTo("replaceCoreV1Node");
        assertThat(paths.at("/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/get/x-kubernetes-action")
                        .asString())
                .isEqualTo("get");
        assertThat(doc.at("/components/schemas").has("io.k8s.api.core.v1.ConfigMap"))
                .isTrue();
        assertThat(doc.at("/components/schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"))
                .isTrue();
        assertThat(doc.at("/components/schemas").has("io.k8s.api.apps.v1.DaemonSet"))
                .as("a document holds its own group-version's kinds only")
                .isFalse();
    }

    @Test
    void anUnknownGroupVersionHasNoDocument() {
        OpenApi api = builtin(ResourceTypes.all());
        assertThat(api.groupVersion("apis/example.com/v1")).isEmpty();
        assertThat(api.groupVersion("nonsense")).isEmpty();
    }

    @Test
    void aChainedProviderAddsACustomKindAndItsHashChangesOnlyAfterInvalidate() {
        List<ResourceType> kinds = new CopyOnWriteArrayList<>(ResourceTypes.all());
        ObjectNode widget = Json.object();
        widget.put("type", "object");
        ObjectNode properties = widget.putObject("properties");
        properties.putObject("spec").put("type", "object");
        properties
                .putObject("metadata")
                .putArray("allOf")
                .addObject()
                .put("$ref", "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        widget.putArray("x-kubernetes-group-version-kind")
                .addObject()
                .put("group", "example.com")
                .put("kind", "Widget")
                .put("version", "v1");
        Map<String, ObjectNode> published = new ConcurrentHashMap<>(BUILTIN.metadataComponents());
        published.put("com.example.v1.Widget", widget);
        SchemaProvider crds = t -> t.equals(WIDGETS)
                ? Optional.of(new SchemaProvider.KindSchema("com.example.v1.Widget", null, published, false))
                : Optional.empty();
        OpenApi api =
                new OpenApi(() -> kinds, SchemaProvider.chain(BUILTIN, crds), BUILTIN::operationComponents, "v1.35.2");
        String coreBefore = url(api, "api~1v1");
        assertThat(api.root().toString()).doesNotContain("example.com");

        kinds.add(WIDGETS);
        String widgetsBefore = url(api, "apis~1example.com~1v1");
        assertThat(widgetsBefore).startsWith("/openapi/v3/apis/example.com/v1?hash=");
        ObjectNode doc = api.groupVersion("apis/example.com/v1").orElseThrow();
        JsonNode patch = doc.at("/paths/~1apis~1example.com~1v1~1namespaces~1{namespace}~1widgets~1{name}/patch");
        assertThat(patch.at("/requestBody/content").propertyNames())
                .contains("application/merge-patch+json")
                .doesNotContain("application/strategic-merge-patch+json");
        assertThat(doc.at("/components/schemas/com.example.v1.Widget/properties/spec/type")
                        .asString())
                .isEqualTo("object");

        ObjectNode v2 = widget.deepCopy();
        ((ObjectNode) v2.get("properties")).putObject("status").put("type", "object");
        published.put("com.example.v1.Widget", v2);
        assertThat(url(api, "apis~1example.com~1v1"))
                .as("kept until invalidated")
                .isEqualTo(widgetsBefore);
        api.invalidate();
        assertThat(url(api, "apis~1example.com~1v1")).isNotEqualTo(widgetsBefore);
        assertThat(url(api, "api~1v1"))
                .as("an unchanged document keeps its hash")
                .isEqualTo(coreBefore);
    }

    private static String url(OpenApi api, String pointerKey) {
        return api.root().at("/paths/" + pointerKey + "/serverRelativeURL").asString();
    }
}
