package io.everynode.dashboard;

import io.everynode.api.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The bearer token of a kubeconfig's current context, for signing in with a kubeconfig file.
 * Pure: reads the text it is given and keeps nothing. A user with a client certificate and no
 * token is told apart ({@link Result#usesCertificate()}): the API judges that certificate and the
 * dashboard gives a session for it (signin.CertificateSignIn).
 */
final class KubeconfigToken {
    private KubeconfigToken() {}

    /** The outcome: a token, a user with a client certificate, or why there is neither and which field is at fault. */
    record Result(String token, boolean usesCertificate, String problem, String field) {
        static Result token(String token) {
            return new Result(token, false, null, null);
        }

        static Result clientCertificate() {
            return new Result(null, true, null, null);
        }

        static Result problem(String problem, String field) {
            return new Result(null, false, problem, field);
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
        if (u.has("client-certificate-data") && u.has("client-key-data")) return Result.clientCertificate();
        if (u.has("client-certificate") || u.has("client-key")) {
            return Result.problem(
                    "user " + userName + " names certificate files, which the dashboard cannot read:"
                            + " embed them (kubectl config view --raw --flatten) or sign in with a token",
                    "users[" + userName + "].user.client-certificate-data");
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
