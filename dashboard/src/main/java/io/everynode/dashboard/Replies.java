package io.everynode.dashboard;

import io.everynode.api.json.Json;
import io.everynode.client.ApiError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Whole answers of the dashboard's endpoints: JSON bodies, and failures as Kubernetes Status objects. */
final class Replies {
    private Replies() {}

    static void json(Response response, Callback callback, int code, JsonNode body) {
        send(response, callback, code, "application/json", Json.bytes(body));
    }

    static void send(Response response, Callback callback, int code, String contentType, byte[] body) {
        response.setStatus(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** A Status as the API writes one: the API's own when it refused the caller, so its words reach the browser. */
    static void failure(Response response, Callback callback, ApiError e) {
        if (e.status() != null && e.status().has("kind")) {
            json(response, callback, e.code(), e.status());
        } else {
            failure(response, callback, e.code(), e.reason(), e.getMessage(), null);
        }
    }

    /** A Status of {@code code}; {@code field} names the query parameter or field at fault, or is null. */
    static void failure(Response response, Callback callback, int code, String reason, String message, String field) {
        ObjectNode s = Json.object();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        if (field != null) {
            ObjectNode cause = s.putObject("details").putArray("causes").addObject();
            cause.put("reason", "FieldValueRequired");
            cause.put("message", message);
            cause.put("field", field);
        }
        s.put("code", code);
        json(response, callback, code, s);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
