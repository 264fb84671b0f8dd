package io.everynode.apiserver.rest;

import io.everynode.api.json.Json;
import io.everynode.api.resource.ResourceType;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Writes objects, lists and Tables in the form the client asked for (kubectl-contract.md §1.4). */
final class Output {
    static final String JSON = "application/json";
    static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    private final Tables tables;

    Output(Tables tables) {
        this.tables = tables;
    }

    /** Whether the client asked for a server-side Table. */
    static boolean wantsTable(ApiRequest req) {
        String accept = req.header("accept");
        return accept != null && accept.contains("as=Table");
    }

    void object(ApiRequest req, ApiResponse resp, int status, ResourceType type, ObjectNode obj) {
        if (wantsTable(req)) {
            resp.send(
                    status,
                    TABLE,
                    Json.bytes(tables.table(type, List.of(obj), Meta.rv(obj), req.param("includeObject"), true)));
        } else {
            resp.send(status, JSON, Json.bytes(obj));
        }
    }

    void list(ApiRequest req, ApiResponse resp, ResourceType type, List<ObjectNode> items, long revision) {
        list(req, resp, type, new ListReads.Page(items, revision, null, null));
    }

    /** A list, or one page of it: with {@code continue} and {@code remainingItemCount} when more remain. */
    void list(ApiRequest req, ApiResponse resp, ResourceType type, ListReads.Page page) {
        List<ObjectNode> items = page.items();
        String revision = Long.toString(page.revision());
        if (wantsTable(req)) {
            ObjectNode table = tables.table(type, items, revision, req.param("includeObject"), true);
            listMeta((ObjectNode) table.get("metadata"), page);
            resp.send(200, TABLE, Json.bytes(table));
            return;
        }
        ObjectNode list = Json.object();
        list.put("kind", type.listKind());
        list.put("apiVersion", type.apiVersion());
        listMeta(list.putObject("metadata").put("resourceVersion", revision), page);
        ArrayNode arr = list.putArray("items");
        for (ObjectNode o : items) arr.add(o);
        resp.send(200, JSON, Json.bytes(list));
    }

    private static void listMeta(ObjectNode meta, ListReads.Page page) {
        if (page.continueToken() != null) meta.put("continue", page.continueToken());
        if (page.remainingItemCount() != null) meta.put("remainingItemCount", page.remainingItemCount());
    }

    static void raw(ApiResponse resp, int status, JsonNode body) {
        resp.send(status, JSON, Json.bytes(body));
    }

    /** Metadata helpers local to output. */
    static final class Meta {
        static String rv(JsonNode obj) {
            return obj.path("metadata").path("resourceVersion").asString("");
        }
    }
}
