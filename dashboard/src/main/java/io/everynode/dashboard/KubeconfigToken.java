package io.everynode.dashboard;

import io.everynode.api.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The bearer token of a kubeconfig's current context, for signing in with a kubeconfig file.
 * Pure: reads the text it is given and keeps nothing. A user with a client certificate and no
 * token cannot sign in this way (the certificate's key would have to reach the server, and the
 * dashboard calls the API with a bearer token only), so the answer says what to do instead.
 */
final class KubeconfigToken {
    private KubeconfigToken() {}

    /** The outcome: a token, or why there is none and which field is at fault. */
    record Result(String token, String problem, String field) {
        static Result token(String token) {
            return new Result(token, null, null);
        }

        static Result problem(String problem, String field) {
            return new Result(null, problem, field);
        }
    }

    static Result of(byte[] kubeconfig) {
        JsonNode root;
        try {
            root = Json.parseYaml(kubeconfig);
        } catch (JacksonException | IllegalArgumentException e) {
            return Result.problem("not a kubeconfig: the file is not YAML or JSON", "kubeconfig");
        }
        if (root == null || !root.isObject())
            return Result.problem("not a kubeconfig: no mapping at the top", "kubeconfig");
        String context = root.path("current-context").asString("");
        if (context.isEmpty()) return Result.problem("the kubeconfig names no current-context", "current-context");
        JsonNode ctx = named(root.path("contexts"), context);
        if (ctx == null) return Result.problem("no context named " + context, "contexts");
        String userName = ctx.path("context").path("user").asString("");
        JsonNode user = named(root.path("users"), userName);
        if (user == null)
            return Result.problem("no user named \"" + userName + "\" (context " + context + ")", "users");
        JsonNode u = user.path("user");
        String token = u.path("token").asString("");
        if (!token.isEmpty()) return Result.token(token);
        if (u.has("client-certificate") || u.has("client-certificate-data")) {
            return Result.problem(
                    "user " + userName + " signs in with a client certificate, which the dashboard cannot use:"
                            + " sign in with a ServiceAccount token instead (kubectl create token NAME)",
                    "users[" + userName + "].user.token");
        }
        return Result.problem("user " + userName + " has no token", "users[" + userName + "].user.token");
    }

    private static JsonNode named(JsonNode list, String name) {
        if (!list.isArray()) return null;
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asString(""))) return n;
        }
        return null;
    }
}
