package io.everynode.agent.endpointauth;

import java.util.List;
import java.util.Locale;

/**
 * What a request to a node agent's endpoint asks for, in the kubelet's authorization terms: the
 * verb from the HTTP method and the subresource(s) of {@code nodes} from the path (upstream's
 * {@code GetRequestAttributes}). {@code /stats} is {@code nodes/stats}, {@code /metrics}
 * {@code nodes/metrics}, {@code /logs} {@code nodes/log}, {@code /checkpoint}
 * {@code nodes/checkpoint}; {@code /configz}, {@code /healthz} and {@code /pods} are first their
 * own fine-grained subresource, then {@code nodes/proxy}; everything else ({@code /containerLogs},
 * {@code /exec}, {@code /attach}, {@code /portForward}, {@code /run}) is {@code nodes/proxy}. A
 * request is allowed when any of its subresources is, tried in order.
 *
 * @param verb get (GET, HEAD), create (POST), update (PUT), patch (PATCH), delete (DELETE), else
 *     the method in lower case
 * @param subresources the subresources of {@code nodes} to ask about, most specific first
 */
public record KubeletRequest(String verb, List<String> subresources) {
    public KubeletRequest {
        subresources = List.copyOf(subresources);
    }

    /** The attributes of {@code method} on {@code path} (the raw path, without query). */
    public static KubeletRequest of(String method, String path) {
        return new KubeletRequest(verb(method), subresources(path == null ? "/" : path));
    }

    static String verb(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> "delete";
            default -> method.toLowerCase(Locale.ROOT);
        };
    }

    static List<String> subresources(String path) {
        if (under(path, "/stats")) return List.of("stats");
        if (under(path, "/metrics")) return List.of("metrics");
        if (under(path, "/logs")) return List.of("log");
        if (under(path, "/checkpoint")) return List.of("checkpoint");
        if (under(path, "/configz")) return List.of("configz", "proxy");
        if (under(path, "/healthz")) return List.of("healthz", "proxy");
        if (under(path, "/pods")) return List.of("pods", "proxy");
        return List.of("proxy");
    }

    /** {@code path} is {@code prefix} itself or below it (so {@code /statsfoo} is not under {@code /stats}). */
    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** The kubelet's 403 text for {@code user}: {@code Forbidden (user=U, verb=V, resource=nodes, subresource(s)=[S ...])}. */
    public String forbidden(String user) {
        return "Forbidden (user=" + user + ", verb=" + verb + ", resource=nodes, subresource(s)=["
                + String.join(" ", subresources) + "])";
    }
}
