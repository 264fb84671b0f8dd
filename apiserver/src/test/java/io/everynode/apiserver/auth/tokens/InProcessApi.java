package io.everynode.apiserver.auth.tokens;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.ApiServerConfig;
import io.everynode.apiserver.auth.SecurityConfig;
import io.everynode.store.Store;
import io.everynode.store.StoreConfig;
import io.everynode.store.Stores;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API server on a memory store, called in process without credentials (open: an
 * administrator) or with a bearer token, for the token tests.
 */
final class InProcessApi implements AutoCloseable {
    record Reply(int code, String body) {
        ObjectNode json() {
            return (ObjectNode) Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final Store store;
    final ApiServer api;

    /** @param keys the ServiceAccount key, or null for a server that issues no tokens */
    InProcessApi(KeyPair keys, Clock clock) {
        this.store = Stores.open(StoreConfig.memory(), clock);
        SecurityConfig security = SecurityConfig.open().withServiceAccountKeys(keys);
        this.api = new ApiServer(ApiServerConfig.defaults().withSecurity(security), store, clock);
    }

    Reply call(String method, String path, String json) {
        return call(method, path, json, Map.of());
    }

    Reply call(String method, String path, String json, Map<String, String> headers) {
        Map<String, String> h = new HashMap<>(headers);
        h.put("host", "127.0.0.1:6443");
        if (json != null) h.put("content-type", "application/json");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        ApiRequest req = new ApiRequest(method, path, Map.<String, List<String>>of(), h, body);
        int[] code = {0};
        byte[][] out = {new byte[0]};
        api.handle(req, new ApiResponse() {
            @Override
            public void send(int status, String contentType, byte[] b) {
                code[0] = status;
                out[0] = b;
            }

            @Override
            public Stream stream(int status, String contentType) {
                throw new UnsupportedOperationException("no streams in these tests");
            }
        });
        return new Reply(code[0], new String(out[0], StandardCharsets.UTF_8));
    }

    ObjectNode create(String collection, String json) {
        Reply r = call("POST", collection, json);
        if (r.code() != 201) throw new AssertionError("create at " + collection + " answered " + r);
        return r.json();
    }

    /** The request as sent with {@code Authorization: Bearer token}. */
    ApiRequest withToken(String token) {
        return new ApiRequest(
                "GET", "/api/v1/namespaces/team/pods", Map.of(), Map.of("authorization", "Bearer " + token), null);
    }

    @Override
    public void close() {
        api.close();
        store.close();
    }
}
