package io.everynode.apiserver.crd;

import io.everynode.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the served versions of a (validated) CustomResourceDefinition into {@link CustomVersion}s. */
final class CustomVersions {
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private CustomVersions() {}

    /** The served versions; the names are the accepted names from status, else the spec's. */
    static List<CustomVersion> of(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        String crdName = crd.path("metadata").path("name").asString();
        JsonNode names = crd.path("status").path("acceptedNames").has("plural")
                ? crd.path("status").path("acceptedNames")
                : spec.path("names");
        String storageVersion = "";
        for (JsonNode v : spec.path("versions"))
            if (v.path("storage").asBoolean(false))
                storageVersion = v.path("name").asString();
        ResourceType storage = type(spec, names, storageVersion, List.of());
        List<CustomVersion> out = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            if (!v.path("served").asBoolean(false)) continue;
            JsonNode subs = v.path("subresources");
            List<String> subresources = new ArrayList<>();
            if (subs.has("status")) subresources.add("status");
            if (subs.has("scale")) subresources.add("scale");
            CustomVersion.Scale scale = subs.has("scale")
                    ? new CustomVersion.Scale(
                            subs.path("scale").path("specReplicasPath").asString(),
                            subs.path("scale").path("statusReplicasPath").asString(),
                            subs.path("scale").path("labelSelectorPath").asString(null))
                    : null;
            List<CustomVersion.PrinterColumn> columns = new ArrayList<>();
            for (JsonNode c : v.path("additionalPrinterColumns")) {
                columns.add(new CustomVersion.PrinterColumn(
                        c.path("name").asString(),
                        c.path("type").asString(),
                        c.path("format").asString(""),
                        c.path("description").asString(""),
                        c.path("priority").asInt(0),
                        c.path("jsonPath").asString()));
            }
            JsonNode schema = v.path("schema").get("openAPIV3Schema");
            out.add(new CustomVersion(
                    crdName,
                    type(spec, names, v.path("name").asString(), subresources),
                    storage,
                    schema,
                    List.copyOf(columns),
                    subs.has("status"),
                    scale));
        }
        return out;
    }

    private static ResourceType type(JsonNode spec, JsonNode names, String version, List<String> subresources) {
        boolean namespaced = "Namespaced".equals(spec.path("scope").asString());
        String kind = names.path("kind").asString();
        return new ResourceType(
                spec.path("group").asString(),
                version,
                names.path("plural").asString(),
                names.path("singular").asString(kind.toLowerCase(java.util.Locale.ROOT)),
                kind,
                namespaced,
                strings(names.path("shortNames")),
                strings(names.path("categories")),
                VERBS,
                List.copyOf(subresources),
                namespaced ? Set.of("metadata.name", "metadata.namespace") : Set.of("metadata.name"),
                GenericKubernetesResource.class);
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) out.add(n.asString());
        return List.copyOf(out);
    }
}
