package io.everynode.apiserver.openapi;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI v3 documents kubectl reads (kubectl-contract.md §1.3): an index of group-versions
 * at {@code /openapi/v3} and, per group-version, a document with the paths of its resources
 * ({@link PathItems}) and the component schemas of its kinds ({@link SchemaProvider}).
 * {@code kubectl explain} prints those schemas; {@code kubectl apply} computes its strategic
 * merge patches from their {@code x-kubernetes-patch-*} extensions.
 *
 * <p>Documents are built on first request and kept; {@link #invalidate} drops them when the set
 * of kinds changes (a CustomResourceDefinition established or removed), so the next request
 * rebuilds them and the index hands out new hashes. Thread-safe.
 */
public final class OpenApi {
    private final Supplier<List<ResourceType>> kinds;
    private final SchemaProvider schemas;
    private final Supplier<Map<String, ObjectNode>> operationComponents;
    private final String serverVersion;
    private final Map<String, Document> documents = new ConcurrentHashMap<>();
    /** Bumped by {@link #invalidate}: a document built before the last bump is stale. */
    private final java.util.concurrent.atomic.AtomicLong epoch = new java.util.concurrent.atomic.AtomicLong();

    /** A built document with the hash its index entry carries and the epoch it was built in. */
    private record Document(ObjectNode body, String hash, long epoch) {}

    /**
     * @param kinds the served kinds, asked again after each {@link #invalidate}
     * @param schemas the schemas of those kinds; a kind it does not know is left out
     * @param operationComponents components every document's operations refer to
     *     ({@link BuiltinSchemas#operationComponents()}), asked when a document is built
     * @param serverVersion the version each document's {@code info} names
     */
    public OpenApi(
            Supplier<List<ResourceType>> kinds,
            SchemaProvider schemas,
            Supplier<Map<String, ObjectNode>> operationComponents,
            String serverVersion) {
        this.kinds = kinds;
        this.schemas = schemas;
        this.operationComponents = operationComponents;
        this.serverVersion = serverVersion;
    }

    /** The built-in kinds, with schemas generated from their model classes. */
    public static OpenApi builtin(List<ResourceType> kinds, String serverVersion) {
        BuiltinSchemas builtin = new BuiltinSchemas(kinds);
        return new OpenApi(() -> kinds, builtin, builtin::operationComponents, serverVersion);
    }

    /** Forgets every built document; call when the served kinds or their schemas change. */
    public void invalidate() {
        epoch.incrementAndGet();
        documents.clear();
    }

    /**
     * The index of group-version documents. Each URL carries a hash of its document's content:
     * kubectl caches documents on disk by that URL, so a document that changes (a kind added) must
     * change its URL too.
     */
    public ObjectNode root() {
        ObjectNode o = Json.object();
        ObjectNode paths = o.putObject("paths");
        for (String gv : groupVersions()) {
            String key = key(gv);
            String hash = document(gv).map(Document::hash).orElse("0");
            paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key + "?hash=" + hash);
        }
        return o;
    }

    /** The document of {@code api/v1} or {@code apis/{group}/{version}}, or empty. */
    public Optional<ObjectNode> groupVersion(String path) {
        String gv = path.startsWith("api/") ? path.substring(4) : path.startsWith("apis/") ? path.substring(5) : null;
        if (gv == null || !groupVersions().contains(gv)) return Optional.empty();
        return document(gv).map(Document::body);
    }

    private List<String> groupVersions() {
        return kinds.get().stream().map(ResourceType::apiVersion).distinct().toList();
    }

    private static String key(String gv) {
        return gv.contains("/") ? "apis/" + gv : "api/" + gv;
    }

    private Optional<Document> document(String gv) {
        long now = epoch.get();
        Document d = documents.compute(gv, (k, old) -> old != null && old.epoch() == now ? old : build(k, now));
        return Optional.of(d);
    }

    private Document build(String gv, long builtIn) {
        ObjectNode doc = Json.object();
        doc.put("openapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Kubernetes");
        info.put("version", serverVersion);
        ObjectNode paths = doc.putObject("paths");
        Map<String, ObjectNode> components = new TreeMap<>(operationComponents.get());
        for (ResourceType t : kinds.get()) {
            if (!t.apiVersion().equals(gv)) continue;
            Optional<SchemaProvider.KindSchema> schema = schemas.schema(t);
            if (schema.isEmpty()) continue;
            new PathItems(t, schema.get()).addTo(paths);
            components.putAll(schema.get().components());
        }
        ObjectNode schemasNode = doc.putObject("components").putObject("schemas");
        components.forEach(schemasNode::set);
        return new Document(doc, hash(doc), builtIn);
    }

    private static String hash(ObjectNode doc) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-512").digest(Json.bytes(doc));
            return HexFormat.of().withUpperCase().formatHex(d, 0, 64);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
