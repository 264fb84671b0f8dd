package io.everynode.images.registry;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a registry named in a reference is reached, and whether plain HTTP is allowed there: as
 * Docker does, only for loopback registries (127.0.0.0/8, ::1, localhost) and those given with
 * {@code --insecure-registry HOST:PORT}; everything else is HTTPS only. Loopback registries are
 * spoken to in plain HTTP at once (as containerd does for localhost); listed ones get HTTPS first
 * and plain HTTP when the TLS handshake fails (as Docker does). Docker Hub ({@code docker.io}) is
 * served at {@code registry-1.docker.io}.
 */
public final class RegistryHosts {
    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");
    private final Set<String> insecure;

    private RegistryHosts(Set<String> insecure) {
        this.insecure = insecure;
    }

    /**
     * The hosts given by {@code --insecure-registry} (repeatable; {@code HOST:PORT} or {@code HOST}).
     *
     * @throws IllegalArgumentException for a value that is not a host with an optional port
     */
    public static RegistryHosts withInsecure(List<String> hostPorts) {
        for (String h : hostPorts) {
            if (!HOST_PORT.matcher(h).matches()) {
                throw new IllegalArgumentException(
                        "--insecure-registry " + h + ": want HOST:PORT, e.g. registry.lan:5000");
            }
        }
        return new RegistryHosts(Set.copyOf(
                hostPorts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()));
    }

    public static RegistryHosts secureOnly() {
        return new RegistryHosts(Set.of());
    }

    /** The host (and port) to send requests to for registry {@code domain}. */
    public String endpoint(String domain) {
        return domain.equals("docker.io") ? "registry-1.docker.io" : domain;
    }

    /** The schemes to try for {@code domain}, in order. */
    public List<String> schemes(String domain) {
        if (loopback(hostOf(domain.toLowerCase(Locale.ROOT)))) return List.of("http");
        return plainHttpAllowed(domain) ? List.of("https", "http") : List.of("https");
    }

    /** Whether plain HTTP may be used with {@code domain}. */
    public boolean plainHttpAllowed(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        if (insecure.contains(d)) return true;
        String host = hostOf(d);
        return insecure.contains(host) || loopback(host);
    }

    private static boolean loopback(String host) {
        if (host.equals("localhost")) return true;
        if (!host.matches("[0-9.]+|\\[[0-9a-f:.]+\\]")) return false; // names are not resolved here
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    static String hostOf(String domain) {
        if (domain.startsWith("[")) return domain.substring(0, domain.indexOf(']') + 1);
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }
}
