package io.everynode.apiserver;

import io.everynode.apiserver.errors.ApiException;
import io.everynode.apiserver.errors.Statuses;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Refuses requests whose {@code Host} header names anything but this server, while the API has
 * no authentication. A web page can make a browser send requests to 127.0.0.1 under a name it
 * controls (DNS rebinding: {@code evil.example} first resolves to the attacker, then to
 * 127.0.0.1); the browser then sends {@code Host: evil.example}, which is how such requests are
 * told apart. Upstream kube-apiserver has no such check because it authenticates every request.
 *
 * <p>Allowed: "localhost", any loopback IP literal (127.0.0.0/8, {@code [::1]}), and the names
 * configured in {@link ApiServerConfig#hostNames()} (the bind address), each with or without a
 * port. Names are never resolved: resolving is exactly what the attacker controls. A request
 * without a Host header, or with an empty one (HTTP/1.0, the in-process transport), passes: a
 * browser always names the host it thinks it talks to.
 */
final class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** An IPv6 literal in brackets: hex digits, colons and (for an embedded IPv4 tail) dots only. */
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

    private final Set<String> names;

    HostCheck(List<String> extraNames) {
        this.names = extraNames.stream().map(HostCheck::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param host the Host header, or null
     * @param reachAt where clients should connect instead (the advertised address)
     * @throws ApiException 421 Misdirected Request when the header names another host
     */
    void check(String host, String reachAt) {
        if (host == null || host.isBlank() || allowed(hostPart(host.trim()))) return;
        throw Statuses.failure(
                421,
                "MisdirectedRequest",
                "the Host header \"" + host + "\" does not name this server:"
                        + " while the API has no authentication it answers only requests addressed to localhost, a loopback IP"
                        + " address or its bind address, to keep web pages (DNS rebinding) out; connect to http://"
                        + reachAt
                        + " instead",
                null);
    }

    private boolean allowed(String host) {
        String h = normalize(host);
        if (h.equals("localhost") || names.contains(h)) return true;
        boolean literal = IPV4.matcher(h).matches() || (IPV6.matcher(h).matches());
        if (!literal) return false;
        try {
            // An IP literal is parsed, never looked up.
            return InetAddress.getByName(h.startsWith("[") ? h.substring(1, h.length() - 1) : h)
                    .isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The host of a Host header value: "[::1]:6443" gives "[::1]", "127.0.0.1:6443" gives "127.0.0.1". */
    static String hostPart(String value) {
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** Lower case, without a trailing dot ("localhost." is "localhost"); an IPv6 literal keeps its brackets. */
    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) n = n.substring(0, n.length() - 1);
        if (n.contains(":") && !n.startsWith("[")) n = "[" + n + "]";
        return n;
    }
}
