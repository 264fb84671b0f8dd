package io.everynode.apiserver.discovery;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.crd.CustomSchemas;
import io.everynode.apiserver.crd.ServedTypes;
import java.util.Optional;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents {@code kubectl apply} and {@code create} need before they send
 * anything (kubectl-contract.md §1.3): per group-version, one path per kind with a PATCH
 * operation carrying {@code x-kubernetes-group-version-kind} and the {@code fieldValidation}
 * parameter. No schemas: kubectl then leaves validation to the server (it sends
 * {@code fieldValidation=Strict}) and uses its built-in strategic-merge schema.
 */
public final class OpenApi {
    private OpenApi() {}

    /**
     * The index of group-version documents. Each URL carries a hash of its document's content:
     * kubectl caches documents on disk by that URL, so a document that changes (a kind added) must
     * change its URL too.
     */
    public static ObjectNode root(ServedTypes types, String serverVersion) {
        ObjectNode o = Json.object();
        ObjectNode paths = o.putObject("paths");
        for (String gv : types.groupVersions()) {
            String key = gv.contains("/") ? "apis/" + gv : "api/" + gv;
            String hash =
                    groupVersion(types, key, serverVersion).map(OpenApi::hash).orElse("0");
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
        }
        return o;
    }

    private static String hash(ObjectNode doc) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-512").digest(Json.bytes(doc));
            return java.util.HexFormat.of().withUpperCase().formatHex(d, 0, 64);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document of {@code api/v1} or {@code apis/{group}/{version}}, or empty. */
    public static Optional<ObjectNode> groupVersion(ServedTypes types, String path, String serverVersion) {
        String gv = path.startsWith("api/") ? path.substring(4) : path.startsWith("apis/") ? path.substring(5) : null;
        if (gv == null || !types.groupVersions().contains(gv)) return Optional.empty();
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", serverVersion);
        ObjectNode paths = doc.putObject("paths");
        for (ResourceType t : types.all()) {
            if (!t.apiVersion().equals(gv)) continue;
            String base = (t.group().isEmpty() ? "/api/" : "/apis/" + t.group() + "/") + t.version()
                    + (t.namespaced() ? "/namespaces/{namespace}/" : "/") + t.resource() + "/{name}";
            ObjectNode patch = paths.putObject(base).putObject("patch");
            patch.put("operationId", "patch" + t.kind());
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", t.group());
            gvk.put("version", t.version());
            gvk.put("kind", t.kind());
            ArrayNode params = patch.putArray("parameters");
            for (String p : new String[] {"dryRun", "fieldManager", "fieldValidation", "force"}) {
                ObjectNode po = params.addObject();
                po.put("name", p);
                po.put("in", "query");
                po.putObject("schema").put("type", p.equals("force") ? "boolean" : "string");
            }
        }
        CustomSchemas.publish(types, gv, doc.putObject("components").putObject("schemas"));
        return Optional.of(doc);
    }
}
