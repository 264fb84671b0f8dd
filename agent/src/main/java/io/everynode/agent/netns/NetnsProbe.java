package io.everynode.agent.netns;

import java.util.List;

/**
 * The availability check behind {@link NodeNetworks#check()}: effective root, an {@code ip}
 * command, and a real namespace, bridge and veth pair made and removed under names no cluster
 * uses ({@code en-chk-<pid>}, {@code enchk<pid>b}, {@code enchk<pid>h}/{@code p}; "chk" is not
 * hex, so no cluster's clean-up takes them for its own).
 */
final class NetnsProbe {
    private NetnsProbe() {}

    /**
     * @param ip the machine's {@code ip}, null when there is none
     * @param procStatus the text of /proc/self/status (its Uid line gives the effective uid)
     */
    static Availability check(IpCommand ip, String procStatus, long pid) {
        Integer euid = effectiveUid(procStatus);
        if (euid == null || euid != 0) {
            return Availability.no("network namespaces per node need root (effective uid is " + euid + ")");
        }
        if (ip == null) {
            return Availability.no("the ip command (iproute2) is not installed");
        }
        String ns = "en-chk-" + pid;
        String bridge = "enchk" + pid + "b";
        String host = "enchk" + pid + "h";
        String peer = "enchk" + pid + "p";
        List<List<String>> make = List.of(
                List.of("netns", "add", ns),
                List.of("link", "add", bridge, "type", "bridge"),
                List.of("link", "add", host, "type", "veth", "peer", "name", peer),
                List.of("link", "set", peer, "netns", ns),
                List.of("link", "set", host, "master", bridge));
        List<List<String>> unmake = List.of(
                List.of("link", "delete", host), List.of("link", "delete", bridge), List.of("netns", "delete", ns));
        Availability result = Availability.yes();
        for (List<String> step : make) {
            IpCommand.Result r = ip.run(step);
            if (!r.ok()) {
                result = Availability.no(
                        "cannot make network namespaces here: ip " + String.join(" ", step) + ": " + r.output());
                break;
            }
        }
        for (List<String> step : unmake) {
            ip.run(step);
        }
        if (result.available()) {
            IpCommand.Result left = ip.run(List.of("netns", "list"));
            if (left.ok()
                    && left.output()
                            .lines()
                            .anyMatch(l -> l.trim().split("\\s+")[0].equals(ns))) {
                return Availability.no("cannot delete network namespaces here: " + ns + " is left behind");
            }
        }
        return result;
    }

    /** The second field of the {@code Uid:} line (real, effective, saved, fs); null if absent. */
    static Integer effectiveUid(String procStatus) {
        for (String line : procStatus.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] t = line.substring(4).trim().split("\\s+");
                if (t.length >= 2) {
                    try {
                        return Integer.parseInt(t[1]);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }
}
