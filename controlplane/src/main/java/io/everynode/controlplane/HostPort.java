package io.everynode.controlplane;

/**
 * How the commands write an address: {@code host:port}, with an IPv6 literal in brackets
 * ({@code [::1]:6443}, RFC 3986 §3.2.2, as Go's net.JoinHostPort writes it), so that a printed
 * URL, a kubeconfig's server and the address advertised in discovery can be used as they are.
 * Every URL a command prints or writes is built here.
 */
public final class HostPort {
    private HostPort() {}

    /** {@code host:port}; a host already in brackets is kept as it is. */
    public static String of(String host, int port) {
        boolean ipv6Literal = host.contains(":") && !host.startsWith("[");
        return (ipv6Literal ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code http://host:port}, the host bracketed as in {@link #of}. */
    public static String httpUrl(String host, int port) {
        return "http://" + of(host, port);
    }

    /** {@code https://host:port}, the host bracketed as in {@link #of}. */
    public static String httpsUrl(String host, int port) {
        return "https://" + of(host, port);
    }
}
