package io.everynode.apiserver;

import io.everynode.apiserver.auth.UserInfo;
import java.security.cert.X509Certificate;
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
 * @param peerCertificates the client certificate chain the TLS handshake verified against the
 *     cluster CA (leaf first), empty when none was presented or the request came otherwise
 * @param user who sent it: null until the server authenticated it; an in-process client sets
 *     its identity here directly (it is trusted: it runs in the server's own process)
 * @param remoteAddress the IP address of the peer that sent it over the network (the audit
 *     log's {@code sourceIPs}), null for an in-process request
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        List<X509Certificate> peerCertificates,
        UserInfo user,
        String remoteAddress) {

    public ApiRequest {
        body = body == null ? new byte[0] : body;
        peerCertificates = peerCertificates == null ? List.of() : List.copyOf(peerCertificates);
    }

    /** A request from no network peer (see {@link #withRemoteAddress}). */
    public ApiRequest(
            String method,
            String path,
            Map<String, List<String>> query,
            Map<String, String> headers,
            byte[] body,
            List<X509Certificate> peerCertificates,
            UserInfo user) {
        this(method, path, query, headers, body, peerCertificates, user, null);
    }

    /** A request without a client certificate or identity yet. */
    public ApiRequest(
            String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {
        this(method, path, query, headers, body, List.of(), null, null);
    }

    /** This request, as sent by {@code who}. */
    public ApiRequest withUser(UserInfo who) {
        return new ApiRequest(method, path, query, headers, body, peerCertificates, who, remoteAddress);
    }

    /** This request, as received from the peer at {@code address}. */
    public ApiRequest withRemoteAddress(String address) {
        return new ApiRequest(method, path, query, headers, body, peerCertificates, user, address);
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
