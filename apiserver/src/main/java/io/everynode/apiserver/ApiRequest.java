package io.everynode.apiserver;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request to the API, whether it came over HTTP or from an in-process client: the single
 * seam both paths share, so both meet the same routing, admission and storage.
 *
 * @param method upper-case HTTP method
 * @param path decoded path, e.g. {@code /api/v1/namespaces/default/pods}
 * @param query decoded query parameters; a parameter may repeat
 * @param headers header values keyed by lower-case name
 * @param body the request body, empty when none
 */
public record ApiRequest(
        String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {

    public ApiRequest {
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean flag(String name) {
        String v = param(name);
        return v != null && (v.equals("true") || v.equals("1"));
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
