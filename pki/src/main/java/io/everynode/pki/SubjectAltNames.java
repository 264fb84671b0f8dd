package io.everynode.pki;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a serving certificate is valid for: DNS names and IP literals.
 *
 * @param dnsNames e.g. {@code localhost}, the host name, {@code kubernetes.default.svc}
 * @param ipAddresses IP literals, kept in the JDK's canonical form ({@code 127.0.0.1},
 *     {@code 0:0:0:0:0:0:0:1}) so that sets compare with what a certificate holds
 */
public record SubjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
    /** The in-cluster names of the API server (kubeadm puts them in apiserver.crt). */
    public static final List<String> KUBERNETES_NAMES = List.of(
            "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");

    public SubjectAltNames {
        dnsNames = List.copyOf(new LinkedHashSet<>(dnsNames));
        ipAddresses = ipAddresses.stream()
                .map(SubjectAltNames::canonicalIp)
                .distinct()
                .toList();
    }

    /**
     * What {@code server} and {@code up} put in their serving certificate: loopback
     * ({@code localhost}, 127.0.0.1, ::1), the host's name, every address of its interfaces, the
     * in-cluster names, and {@code extra} (the advertise and bind addresses: IP literals go in as
     * addresses, anything else as a DNS name; the wildcard addresses 0.0.0.0 and :: are skipped).
     */
    public static SubjectAltNames forThisHost(List<String> extra) {
        List<String> dns = new ArrayList<>(List.of("localhost"));
        dns.addAll(KUBERNETES_NAMES);
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
        try {
            dns.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            // a host without a resolvable name: loopback and its addresses still work
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLinkLocalAddress()) ips.add(a.getHostAddress());
                }
            }
        } catch (SocketException e) {
            // no interface list: the names above still work
        }
        for (String e : extra) {
            if (e == null || e.isBlank()) continue;
            if (isIpLiteral(e)) {
                if (!isWildcard(e)) ips.add(e);
            } else {
                dns.add(e);
            }
        }
        return new SubjectAltNames(dns, ips);
    }

    /** Whether every name of {@code wanted} is in this set. */
    public boolean covers(SubjectAltNames wanted) {
        Set<String> d = Set.copyOf(dnsNames);
        Set<String> i = Set.copyOf(ipAddresses);
        return d.containsAll(wanted.dnsNames()) && i.containsAll(wanted.ipAddresses());
    }

    static boolean isIpLiteral(String s) {
        String t = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        return t.matches("[0-9.]+") || t.contains(":");
    }

    static String canonicalIp(String literal) {
        String t =
                literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1) : literal;
        int zone = t.indexOf('%');
        if (zone >= 0) t = t.substring(0, zone);
        try {
            return InetAddress.getByName(t).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
    }

    /** The wildcard addresses (0.0.0.0, ::) a server binds to but no client dials. */
    private static boolean isWildcard(String literal) {
        try {
            return InetAddress.getByName(canonicalIp(literal)).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
