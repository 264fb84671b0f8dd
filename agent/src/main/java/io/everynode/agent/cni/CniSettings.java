package io.everynode.agent.cni;

import java.nio.file.Path;
import java.util.List;

/**
 * What a node's {@link CniNetwork} is made from.
 *
 * @param stateDir the node agent's data directory; the network keeps its pod range, its
 *     attachments and host-local's leases under {@code <stateDir>/cni}, and its names derive from
 *     the directory's real path
 * @param podCidr the Node's {@code spec.podCIDR} when it has one; null to choose a free /24 of
 *     {@value PodRangeChoice#POOL} (kept in the data directory for the next start)
 * @param pluginDirs where the plugin binaries are looked up, in order (CNI_PATH)
 * @param ipMasq whether pods' traffic to addresses outside their node's range is masqueraded
 *     (bridge's {@code ipMasq}); off by default, since it would also hide a pod's address from
 *     pods of the other nodes
 * @param claimsDir where nodes of this machine claim their /24 before its bridge exists (on a
 *     tmpfs, so claims end with a reboot)
 */
public record CniSettings(Path stateDir, String podCidr, List<Path> pluginDirs, boolean ipMasq, Path claimsDir) {
    /** The directories container runtimes search by default (Debian's package, then upstream's). */
    public static final List<Path> DEFAULT_PLUGIN_DIRS = List.of(Path.of("/usr/lib/cni"), Path.of("/opt/cni/bin"));

    public static final Path DEFAULT_CLAIMS_DIR = Path.of("/run/everynode/cni-ranges");

    public CniSettings {
        pluginDirs = List.copyOf(pluginDirs);
    }

    /** The defaults: no podCIDR, the usual plugin directories, no masquerading. */
    public static CniSettings of(Path stateDir) {
        return new CniSettings(stateDir, null, DEFAULT_PLUGIN_DIRS, false, DEFAULT_CLAIMS_DIR);
    }

    public CniSettings withPodCidr(String cidr) {
        return new CniSettings(stateDir, cidr, pluginDirs, ipMasq, claimsDir);
    }

    public CniSettings withIpMasq(boolean masq) {
        return new CniSettings(stateDir, podCidr, pluginDirs, masq, claimsDir);
    }
}
