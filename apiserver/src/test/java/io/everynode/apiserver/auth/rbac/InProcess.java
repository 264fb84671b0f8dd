package io.everynode.apiserver.auth.rbac;

import io.everynode.api.json.Json;
import io.everynode.apiserver.ApiRequest;
import io.everynode.apiserver.ApiResponse;
import io.everynode.apiserver.ApiServer;
import io.everynode.apiserver.auth.UserInfo;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** Requests to an in-process {@link ApiServer} as a given user, answered whole. */
final class InProcess {
    record Reply(int code, String body) {
        ObjectNode json() {
            return (ObjectNode) Json.parse(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private InProcess() {}

    static Reply call(ApiServer api, UserInfo user, String method, String path, String json) {
        return call(api, user, method, path, json, Map.of());
    }

    static Reply call(
            ApiServer api, UserInfo user, String method, String path, String json, Map<String, String> headers) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("content-type", "application/json");
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        ApiRequest req = new ApiRequest(method, path, Map.of(), h, body, java.util.List.of(), user);
        Reply[] reply = new Reply[1];
        api.handle(req, new ApiResponse() {
            @Override
            public void send(int status, String contentType, byte[] b) {
                reply[0] = new Reply(status, new String(b, StandardCharsets.UTF_8));
            }

            @Override
            public Stream stream(int status, String contentType) {
                throw new UnsupportedOperationException("no streams here");
            }
        });
        return reply[0];
    }

    static UserInfo user(String name, String... groups) {
        return UserInfo.authenticated(name, "", java.util.List.of(groups), Map.of());
    }
}
